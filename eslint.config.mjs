// Lint rules double as architecture tests: the domain must stay pure, so the imports that would
// tie it to a framework, a database, a broker or the clock are refused here, not by convention.
// tools/architecture/ proves every rule fires on a deliberately bad file.
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkAndInfrastructure = [
  { group: ['@nestjs/*', '@nestjs'], message: 'libs/domain is pure: no framework imports.' },
  { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@electric-sql/*'], message: 'libs/domain is pure: no database imports.' },
  { group: ['kafkajs', '@eventstore/*'], message: 'libs/domain is pure: no messaging or event-store client imports.' },
  { group: ['viem', 'viem/*'], message: 'libs/domain is pure: no chain client imports; chain facts come in as commands.' },
  { group: ['class-validator', 'class-transformer'], message: 'Validation belongs in DTOs at the edge, not in libs/domain.' },
  { group: ['@recon/*', '!@recon/domain'], message: 'libs/domain depends on no other lib.' },
  { group: ['node:*'], message: 'libs/domain does no I/O; ids, hashes and time come in with the command.' },
];
// Exact names, not patterns: a pattern 'path' would also refuse a domain file's own './path'.
const nodeBuiltins = builtinModules.map((name) => ({ name, message: 'libs/domain does no I/O; ids, hashes and time come in with the command.' }));

// import() and require() would load what the static rules above refuse, so the domain loads nothing at run time.
const dynamicLoading = [
  { selector: 'ImportExpression', message: 'libs/domain loads no modules at run time: import statically what the rules allow.' },
  { selector: "CallExpression[callee.name='require']", message: 'libs/domain loads no modules at run time: import statically what the rules allow.' },
];
// Globals that reach the host without an import: randomness and hashes, the clock, the environment.
const hostGlobals = [
  { name: 'crypto', message: 'libs/domain is pure: hashes and ids come in through a port or with the command.' },
  { name: 'performance', message: 'No clock in the domain: time comes in with the command.' },
  { name: 'process', message: 'libs/domain is pure: settings come in as arguments, never from the environment.' },
  { name: 'require', message: 'libs/domain loads no modules at run time.' },
];

// apps/<x> is a process: it composes libs and never reaches into another app, whose code is not a library.
const appBoundaries = [
  { group: ['**/apps/**', 'apps/**'], message: 'apps/* import only libs/* (@recon/...): shared code belongs in a lib.' },
];
// A relative path names no 'apps/' when it climbs out ('../../../api/src/x' from apps/cli/src/y), so
// this rule resolves it against the importing file and refuses a target in another app.
const ROOT = import.meta.dirname;
const appBoundary = {
  meta: { type: 'problem', schema: [], messages: { otherApp: "'{{source}}' reaches into apps/{{target}}: apps/* import only libs/* (@recon/...)." } },
  create(context) {
    const [top, app] = path.relative(ROOT, context.filename).split(path.sep);
    if (top !== 'apps' || !app) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const [targetTop, targetApp] = path.relative(ROOT, path.resolve(path.dirname(context.filename), source)).split(path.sep);
      if (targetTop === 'apps' && targetApp !== app) context.report({ node, messageId: 'otherApp', data: { source, target: targetApp } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const focusedTests = { selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']", message: 'Focused tests hide failures.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', focusedTests],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: frameworkAndInfrastructure }],
      'no-restricted-globals': ['error', ...hostGlobals],
      'no-restricted-syntax': [
        'error',
        focusedTests,
        ...dynamicLoading,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in the domain: time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No randomness in the domain: ids come in with the command.' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Quantities are bigint fixed-point, never floats.' },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    plugins: { architecture: { rules: { 'app-boundary': appBoundary } } },
    rules: {
      'no-restricted-imports': ['error', { patterns: appBoundaries }],
      'architecture/app-boundary': 'error',
    },
  },
);
