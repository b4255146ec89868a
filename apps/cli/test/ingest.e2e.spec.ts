import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox, FIXTURES, runCli } from './statement-cli';

const fixture = (name: string): string => path.join(FIXTURES, name);

describe('recon ingest', () => {
  const sandbox = cliSandbox('recon-ingest-');

  it('should record the statements of each file, and nothing when they come again', async () => {
    const first = await runCli(['ingest', fixture('mt535/equities-single-page.txt'), fixture('mt535/equities-multipage-p2.txt')], sandbox.db().env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/equities-single-page\.txt: MT535 CUSTCHZZ HOLD20240628 page 1 \(last\); SAFE-1000 recorded \(2 positions\), SAFE-1000-TRD recorded \(1 position\)/);
    const events = await sandbox.db().events();
    expect(events.map(({ streamId, type }) => [streamId, type])).toEqual([
      ['custody-CUSTCHZZ-SAFE-1000', 'StatementReceived'],
      ['custody-CUSTCHZZ-SAFE-1000-TRD', 'StatementReceived'],
      ['custody-CUSTCHZZ-SAFE-2000', 'StatementReceived'],
    ]);
    expect(events[0]?.metadata).toMatchObject({ actor: 'recon-cli', sourceDocument: 'equities-single-page.txt' });

    const again = await runCli(['ingest', fixture('semt002/equities-v11.xml'), fixture('mt535/equities-multipage-p2.txt')], sandbox.db().env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 events appended[\s\S]*0 events appended/);
    expect(await sandbox.db().events()).toHaveLength(3);
  }, 60_000);

  it('should say how many movements an MT536 recorded, that they are known when it comes again, and that a conflicting version was not taken', async () => {
    const first = await runCli(['ingest', fixture('mt536/transactions.txt')], sandbox.db().env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/transactions\.txt: MT536 CUSTCHZZ TXN20240628 page 1 \(last\); SAFE-1000 2 movements recorded; statement complete; 2 events appended/);
    const again = await runCli(['ingest', fixture('mt536/transactions.txt')], sandbox.db().env);
    expect(again.stdout).toMatch(/SAFE-1000 2 movements known already; statement complete; 0 events appended/);

    const text = readFileSync(fixture('mt536/transactions.txt'), 'utf8').replace(':36B::PSTA//UNIT/16,', ':36B::PSTA//UNIT/20,').replace(':93B::FICL//UNIT/1234,5', ':93B::FICL//UNIT/1230,5');
    const resent = path.join(sandbox.folder(), 'transactions-resent.txt');
    writeFileSync(resent, text);
    const conflicting = await runCli(['ingest', resent], sandbox.db().env);
    expect(conflicting).toMatchObject({ code: 0, stderr: '' });
    expect(conflicting.stdout).toMatch(/SAFE-1000 2 movements conflicting with those recorded, not taken; statement complete; 1 events appended/);
    expect((await sandbox.db().events()).map(({ type }) => type)).toEqual(['CustodyMovementRecorded', 'CustodyMovementRecorded', 'ConflictingTransactionsDetected']);
  }, 60_000);

  it('should refuse a bad file with its line and field, exit non-zero, and append nothing of it', async () => {
    const text = readFileSync(fixture('mt535/equities-single-page.txt'), 'utf8').replace(':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25');
    const bad = path.join(sandbox.folder(), 'broken.txt');
    writeFileSync(bad, text);
    const run = await runCli(['ingest', bad], sandbox.db().env);
    const line = text.split('\n').findIndex((l) => l.startsWith(':93B::AGGR//UNIT/8x0,25')) + 1;
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`broken.txt:${line} field 93B`);
    expect(run.stderr).toMatch(/not a decimal quantity/);
    expect(await sandbox.db().events()).toEqual([]);
  }, 60_000);
});
