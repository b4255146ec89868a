/**
 * Lints code as if it were a file at a given path, with the project's real eslint.config.mjs, and
 * returns the rule ids reported. The architecture tests use it on deliberately bad fixtures, so a
 * rule that stops firing fails a test instead of passing every file silently.
 *
 * ESLint loads its config with a dynamic import(), which jest's module sandbox refuses without
 * --experimental-vm-modules; so the Node API runs in a child node process, reading cases on stdin.
 * This file lives outside libs/ because spawning a process is exactly what the domain may not do.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

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

export interface LintCase {
  readonly code: string;
  /** Repository-relative path the code is linted as; the file need not exist. */
  readonly file: string;
}

/** The rule ids reported for each case, in order; `null` is ESLint's "file ignored". One process for all: starting ESLint costs about a second. */
export function ruleIdsFor(cases: readonly LintCase[]): (string | null)[][] {
  const input = JSON.stringify(cases.map(({ code, file }) => ({ code, filePath: path.join(ROOT, file) })));
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT_SCRIPT], { cwd: ROOT, input, encoding: 'utf8' })) as (string | null)[][];
}
