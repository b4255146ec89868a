// Lint rules double as architecture tests: the domain must stay pure, so the imports that would
// tie it to a framework, a database, a broker or the clock are refused here, not by convention.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkAndInfrastructure = [
  { group: ['@nestjs/*', '@nestjs'], message: 'libs/domain is pure: no framework imports.' },
  { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@electric-sql/*'], message: 'libs/domain is pure: no database imports.' },
  { group: ['kafkajs', '@eventstore/*'], message: 'libs/domain is pure: no messaging or event-store client imports.' },
  { group: ['class-validator', 'class-transformer'], message: 'Validation belongs in DTOs at the edge, not in libs/domain.' },
  { group: ['@recon/*', '!@recon/domain'], message: 'libs/domain depends on no other lib.' },
  { group: ['fs', 'node:*', 'crypto', 'http', 'https', 'net'], message: 'libs/domain does no I/O; ids and time come in with the command.' },
];

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
      'no-restricted-imports': ['error', { patterns: frameworkAndInfrastructure }],
      'no-restricted-syntax': [
        'error',
        focusedTests,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in the domain: time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No randomness in the domain: ids come in with the command.' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Quantities are bigint fixed-point, never floats.' },
      ],
    },
  },
);
