import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, FIXTURES, runCli } from './statement-cli';

const NO_SENDER = path.join(FIXTURES, 'semt002/no-sender.xml');
const SINGLE = path.join(FIXTURES, 'mt535/equities-single-page.txt');

describe('recon ingest and recon watch: the custodian, every problem, the dry run', () => {
  const sandbox = cliSandbox('recon-custodian-');
  const inFolder = (...parts: string[]) => path.join(sandbox.folder(), ...parts);

  it('should take the custodian of a file that names no sender from --custodian, in its normal form', async () => {
    const run = await runCli(['ingest', '--custodian', 'custchzzxxx', NO_SENDER], sandbox.db().env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/no-sender\.xml: SEMT002 CUSTCHZZ NOSENDER20240628 page 1 \(last\); SAFE-2000 recorded \(2 positions\)/);
    expect((await sandbox.db().events()).map(({ streamId }) => streamId)).toEqual(['custody-CUSTCHZZ-SAFE-2000']);
  }, 60_000);

  it('should refuse it without a custodian, naming the flag, exit 4 and append nothing', async () => {
    const run = await runCli(['ingest', NO_SENDER], sandbox.db().env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no-sender\.xml:6 \/Document\/SctiesBalCtdyRpt field SctiesBalCtdyRpt \(custodian\): is unknown.*recon ingest --custodian BIC/);
    expect(await sandbox.db().events()).toEqual([]);
  }, 60_000);

  it('should refuse --custodian that is no BIC before reading any file', async () => {
    const run = await runCli(['ingest', '--custodian', 'DEMOBANKCHZZ', NO_SENDER], sandbox.db().env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--custodian.*not a BIC/);
  }, 60_000);

  it('should print every problem of a refused file, one line each with line and field', async () => {
    const text = readFileSync(SINGLE, 'utf8')
      .replace(':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25').replace(':98C::STAT//20240628173000', ':98C::STAT//20241328173000').replace(':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/12a4,5');
    const bad = inFolder('three.txt');
    writeFileSync(bad, text);
    const run = await runCli(['ingest', bad], sandbox.db().env);
    const lineOf = (prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('refused, nothing appended; 3 problems:');
    const problemLines = run.stderr.split('\n').filter((l) => l.startsWith('three.txt:'));
    expect(problemLines).toHaveLength(3);
    for (const [prefix, field] of [[':98C::STAT', '98C'], [':93B::AGGR//UNIT/12a4,5', '93B'], [':93B::AGGR//UNIT/8x0,25', '93B']] as const) {
      expect(problemLines.some((l) => l.startsWith(`three.txt:${lineOf(prefix)} field ${field}`))).toBe(true);
    }
    expect(await sandbox.db().events()).toEqual([]);
  }, 60_000);

  it('should show with --dry-run the positions per ISIN before and after, and append nothing', async () => {
    const run = await runCli(['ingest', '--dry-run', '--custodian', 'CUSTCHZZ', NO_SENDER], sandbox.db().env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('1 events would be appended (dry run: nothing appended)');
    expect(run.stdout).toContain('position CUSTCHZZ SAFE-2000 US0378331005: none -> 1500');
    expect(run.stdout).toContain('position CUSTCHZZ SAFE-2000 IE00B5BMR087: none -> 800');
    expect(await sandbox.db().events()).toEqual([]);

    expect((await runCli(['ingest', '--custodian', 'CUSTCHZZ', NO_SENDER], sandbox.db().env)).code).toBe(0);
    const again = await runCli(['ingest', '--dry-run', '--custodian', 'CUSTCHZZ', NO_SENDER], sandbox.db().env);
    expect(again.stdout).toContain('position CUSTCHZZ SAFE-2000 US0378331005: 1500 -> 1500 (unchanged)');
    expect(await sandbox.db().events()).toHaveLength(1);
  }, 60_000);

  it('should take the custodian of a watched folder from --custodian', async () => {
    copyFileSync(NO_SENDER, inFolder('no-sender.xml'));
    const run = await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0', '--custodian', 'CUSTCHZZ'], sandbox.db().env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('custodian CUSTCHZZ for files that name no sender');
    expect(readdirSync(inFolder('processed'))).toEqual(['no-sender.xml']);
    expect((await sandbox.db().events()).map(({ streamId }) => streamId)).toEqual(['custody-CUSTCHZZ-SAFE-2000']);
  }, 60_000);

  it('should take the custodian of a watched folder from its .custodian file', async () => {
    copyFileSync(NO_SENDER, inFolder('no-sender.xml'));
    writeFileSync(inFolder('.custodian'), 'CUSTCHZZXXX\n');
    expect((await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0'], sandbox.db().env)).code).toBe(0);
    expect(readdirSync(inFolder('processed'))).toEqual(['no-sender.xml']);
    expect((await sandbox.db().events()).map(({ streamId }) => streamId)).toEqual(['custody-CUSTCHZZ-SAFE-2000']);
  }, 60_000);

  it('should reject a file that names no sender in a folder without a custodian, saying how to give one', async () => {
    copyFileSync(NO_SENDER, inFolder('no-sender.xml'));
    expect((await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0'], sandbox.db().env)).code).toBe(0);
    expect(readFileSync(inFolder('rejected', 'no-sender.xml.error.txt'), 'utf8')).toMatch(/recon watch --custodian BIC/);
  }, 60_000);
});
