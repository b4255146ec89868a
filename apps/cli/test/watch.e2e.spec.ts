import { appendFileSync, copyFileSync, existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, FIXTURES, runCli, startCli } from './statement-cli';

const SINGLE = path.join(FIXTURES, 'mt535/equities-single-page.txt');

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('recon watch', () => {
  const sandbox = cliSandbox('recon-inbox-');
  const inInbox = (...parts: string[]) => path.join(sandbox.folder(), ...parts);

  it('should move a good file to processed/ and a bad one to rejected/ with its line and field beside it', async () => {
    copyFileSync(SINGLE, inInbox('holdings.txt'));
    const bad = readFileSync(path.join(FIXTURES, 'semt002/equities-v10.xml'), 'utf8').replace('<Unit>800.25</Unit>', '<Unit>800,25</Unit>');
    writeFileSync(inInbox('report.xml'), bad);
    writeFileSync(inInbox('.incoming.tmp'), 'still being written');

    const run = await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0'], sandbox.db().env);

    expect(run.code).toBe(0);
    expect(readdirSync(inInbox('processed'))).toEqual(['holdings.txt']);
    expect(readdirSync(inInbox('rejected')).sort()).toEqual(['report.xml', 'report.xml.error.txt']);
    const line = bad.split('\n').findIndex((l) => l.includes('<Unit>800,25</Unit>')) + 1;
    expect(readFileSync(inInbox('rejected', 'report.xml.error.txt'), 'utf8')).toMatch(new RegExp(`report\\.xml:${line} /Document/SctiesBalCtdyRpt/BalForAcct\\[2\\]/AggtBal/Qty/Qty/Qty/Unit field Unit`));
    expect(existsSync(inInbox('.incoming.tmp'))).toBe(true);
    expect((await sandbox.db().events()).map(({ type }) => type)).toEqual(['StatementReceived', 'StatementReceived']);
  }, 60_000);

  it('should ingest again harmlessly a file ingested before a crash left it unmoved, and keep an earlier file of the same name', async () => {
    expect((await runCli(['ingest', SINGLE], sandbox.db().env)).code).toBe(0);
    copyFileSync(SINGLE, inInbox('holdings.txt'));
    const run = await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0'], sandbox.db().env);
    expect(run.code).toBe(0);
    copyFileSync(SINGLE, inInbox('holdings.txt'));
    expect((await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '0'], sandbox.db().env)).code).toBe(0);
    expect(readdirSync(inInbox('processed')).sort()).toEqual(['holdings-2.txt', 'holdings.txt']);
    expect(await sandbox.db().events()).toHaveLength(2);
  }, 60_000);

  it('should take a file dated ahead of this machine\'s clock once it stands unchanged, timing the settle on its own clock', async () => {
    // A sender or file server whose clock runs an hour fast: the file's modification time is in the future here.
    copyFileSync(SINGLE, inInbox('holdings.txt'));
    const anHourAhead = new Date(Date.now() + 3_600_000);
    utimesSync(inInbox('holdings.txt'), anHourAhead, anHourAhead);
    const started = Date.now();
    const run = await runCli(['watch', sandbox.folder(), '--once', '--interval', '100', '--settle', '600'], sandbox.db().env);
    expect(run.code).toBe(0);
    expect(readdirSync(inInbox('processed'))).toEqual(['holdings.txt']);
    // The settle time ran on this machine's clock from when the watcher first saw the file.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  }, 60_000);

  it('should wait for a file being written to settle before reading it, and stop on SIGTERM', async () => {
    const watcher = startCli(['watch', sandbox.folder(), '--interval', '100', '--settle', '1500'], sandbox.db().env);
    await until(() => existsSync(inInbox('processed')));
    const text = readFileSync(SINGLE, 'utf8');
    const half = Math.floor(text.length / 2);
    writeFileSync(inInbox('holdings.txt'), text.slice(0, half));
    await new Promise((resolve) => setTimeout(resolve, 500));
    appendFileSync(inInbox('holdings.txt'), text.slice(half));
    await until(() => existsSync(inInbox('processed', 'holdings.txt')));
    expect(readdirSync(inInbox('rejected'))).toEqual([]);
    watcher.kill('SIGTERM');
    const { code, stdout } = await watcher.result;
    expect(code).toBe(0);
    expect(stdout).toMatch(/processed holdings\.txt: MT535 CUSTCHZZ HOLD20240628/);
  }, 60_000);
});
