/**
 * The purity of libs/domain is enforced by ESLint (eslint.config.mjs), so this test proves the rules
 * actually fire on domain files, with the project's real config, and stay quiet in apps/.
 *
 * ESLint loads eslint.config.mjs with a dynamic import(), which jest's module sandbox refuses without
 * --experimental-vm-modules; so the Node API runs in a child node process, reading cases on stdin.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const { code, filePath } of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    out.push(result.messages.map((m) => m.ruleId));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

type Case = { readonly code: string; readonly filePath: string };

function ruleIdsFor(cases: readonly Case[]): (string | null)[][] {
  const output = execFileSync(process.execPath, ['-e', LINT_SCRIPT], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(output) as (string | null)[][];
}

const forbidden: readonly [string, string, string][] = [
  ['@nestjs/common', "import '@nestjs/common';\n", 'no-restricted-imports'],
  ['typeorm', "import 'typeorm';\n", 'no-restricted-imports'],
  ['kafkajs', "import 'kafkajs';\n", 'no-restricted-imports'],
  ['@eventstore/db-client', "import '@eventstore/db-client';\n", 'no-restricted-imports'],
  ['new Date()', 'export const clock = () => new Date();\n', 'no-restricted-syntax'],
];
const DOMAIN_FILE = path.join(ROOT, 'libs/domain/src/probe.ts');
const APP_FILE = path.join(ROOT, 'apps/api/src/probe.ts');

describe('Architecture of libs/domain', () => {
  // One child process for all cases: starting ESLint costs about a second.
  let inDomain: (string | null)[][] = [];
  let inApps: (string | null)[][] = [];
  let harmless: (string | null)[] = [];
  beforeAll(() => {
    const results = ruleIdsFor([
      ...forbidden.map(([, code]) => ({ code, filePath: DOMAIN_FILE })),
      ...forbidden.map(([, code]) => ({ code, filePath: APP_FILE })),
      { code: "import { parseShares } from '@recon/domain';\nexport const at = (text: string) => [new Date(text), parseShares(text)];\n", filePath: DOMAIN_FILE },
    ]);
    inDomain = results.slice(0, forbidden.length);
    inApps = results.slice(forbidden.length, 2 * forbidden.length);
    harmless = results[2 * forbidden.length] ?? [];
  }, 60_000);

  describe.each(forbidden.map(([name, , rule], index) => ({ name, rule, index })))('When a file uses $name', ({ rule, index }) => {
    it('should be reported in libs/domain', () => expect(inDomain[index]).toContain(rule));
    it('should not be reported in apps/', () => {
      expect(inApps[index]).not.toContain(rule);
      expect(inApps[index]).not.toContain(null); // null: "file ignored", which would make this test vacuous
    });
  });

  describe('When a domain file parses a given time and imports its own lib', () => {
    it('should report nothing', () => expect(harmless).toEqual([]));
  });
});
