/**
 * The purity of libs/domain is enforced by ESLint (eslint.config.mjs); this test proves each rule
 * fires on a domain file, with the project's real config, and stays quiet in apps/.
 */
import { ruleIdsFor } from './lint-probe';

const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const GLOBALS = 'no-restricted-globals';

const forbidden: readonly [string, string, string][] = [
  ['@nestjs/common', "import '@nestjs/common';\n", IMPORTS],
  ['typeorm', "import 'typeorm';\n", IMPORTS],
  ['pg', "import { Pool } from 'pg';\nexport const pool = Pool;\n", IMPORTS],
  ['kafkajs', "import 'kafkajs';\n", IMPORTS],
  ['@eventstore/db-client', "import '@eventstore/db-client';\n", IMPORTS],
  ['viem', "import { keccak256 } from 'viem';\nexport const hash = keccak256;\n", IMPORTS],
  ['viem/chains', "import 'viem/chains';\n", IMPORTS],
  ['child_process', "import { execSync } from 'child_process';\nexport const run = execSync;\n", IMPORTS],
  ['os', "import * as os from 'os';\nexport const host = os.hostname;\n", IMPORTS],
  ['path', "import path from 'path';\nexport const join = path.join;\n", IMPORTS],
  ['fs/promises', "import 'fs/promises';\n", IMPORTS],
  ['crypto', "import { createHash } from 'crypto';\nexport const hash = createHash;\n", IMPORTS],
  ['node:crypto', "import { createHash } from 'node:crypto';\nexport const hash = createHash;\n", IMPORTS],
  ["import('pg')", "export const load = () => import('pg');\n", SYNTAX],
  ['a computed import()', "export const load = (name: string) => import(name);\n", SYNTAX],
  ["require('os')", "export const load = () => require('os');\n", SYNTAX],
  ['the crypto global', 'export const id = () => crypto.randomUUID();\n', GLOBALS],
  ['the performance global', 'export const now = () => performance.now();\n', GLOBALS],
  ['the process global', 'export const env = () => process.env.HOME;\n', GLOBALS],
  ['new Date()', 'export const clock = () => new Date();\n', SYNTAX],
  ['Date.now()', 'export const clock = () => Date.now();\n', SYNTAX],
  ['Math.random()', 'export const pick = () => Math.random();\n', SYNTAX],
];
const DOMAIN_FILE = 'libs/domain/src/probe.ts';
const APP_FILE = 'apps/cli/src/probe.ts';
const HARMLESS = [
  "import { parseShares } from '@recon/domain';",
  "import { statementIdOf } from './path';", // a domain file named like a built-in is its own module
  'export const at = (text: string) => [new Date(text), parseShares(text), statementIdOf];',
  "export type Loaded = typeof import('./path');", // a type query loads nothing at run time
  '',
].join('\n');

describe('Architecture of libs/domain', () => {
  let inDomain: (string | null)[][] = [];
  let inApps: (string | null)[][] = [];
  let harmless: (string | null)[] = [];
  beforeAll(() => {
    const results = ruleIdsFor([
      ...forbidden.map(([, code]) => ({ code, file: DOMAIN_FILE })),
      ...forbidden.map(([, code]) => ({ code, file: APP_FILE })),
      { code: HARMLESS, file: DOMAIN_FILE },
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

  describe('When a domain file parses a given time, imports its own lib and a sibling named like a built-in', () => {
    it('should report nothing', () => expect(harmless).toEqual([]));
  });
});
