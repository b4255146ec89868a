import { createPostgresEventStore } from '@recon/event-store';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { cliSandbox, FIXTURES, runCli } from './statement-cli';

const fixture = (name: string): string => path.join(FIXTURES, name);
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

describe('recon ingest of settlement files', () => {
  const sandbox = cliSandbox('recon-ingest-settlement-');

  /** An asset and a purchase booked before the files come, as the API would have stored them. */
  async function bookPurchase(): Promise<void> {
    const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: sandbox.db().env['DATABASE_SCHEMA']!, poolConfig: { max: 1 } });
    const metadata = { actor: 'test', businessTime: '2024-06-27T00:00:00Z' };
    try {
      await store.appendToStream('asset-bAAPL', [{
        eventId: randomUUID(), type: 'AssetRegistered', schemaVersion: 2, metadata,
        data: { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1', registeredAt: '2024-06-27T00:00:00Z' },
      }], 'no_stream');
      await store.appendToStream('trade-T-1', [{
        eventId: randomUUID(), type: 'TradeExecuted', schemaVersion: 1, metadata,
        data: {
          tradeId: 'T-1', assetId: 'bAAPL', side: 'BUY', quantity: '250.5', price: '214.1', currency: 'USD', tradeDate: '2024-06-27', settlementDate: '2024-06-28',
          broker: 'Broker AG', executedAt: '2024-06-27T12:00:00Z', accountOwnerReference: 'ISSR-BUY-0001',
        },
      }], 'no_stream');
    } finally {
      await store.close();
    }
  }

  it('should settle the trade a confirmation names, say so in one line, and record nothing when it comes again', async () => {
    await bookPurchase();
    const first = await runCli(['ingest', fixture('settlement/mt545-partial-1.txt')], sandbox.db().env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/mt545-partial-1\.txt: MT545 CUSTCHZZ CONF-545-P001; trade T-1 \(by account-owner-reference\) 100 settled recorded; 1 events appended/);
    const again = await runCli(['ingest', fixture('settlement/mt545-partial-1.txt'), fixture('settlement/mt548-failing.txt')], sandbox.db().env);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/trade T-1 \(by confirmation-reference\) 100 settled known already; 0 events appended/);
    expect(again.stdout).toMatch(/mt548-failing\.txt: MT548 CUSTCHZZ STAT-548-0001; trade T-1 \(by account-owner-reference\) failing reason CLAC recorded; 1 events appended/);
    expect((await sandbox.db().events()).map(({ type }) => type)).toEqual(['AssetRegistered', 'TradeExecuted', 'TradeSettled', 'SettlementFailed']);
  }, 60_000);

  it('should refuse a confirmation no trade matches, naming the message and its field, and append nothing', async () => {
    const run = await runCli(['ingest', fixture('settlement/mt547-full.txt')], sandbox.db().env);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('mt547-full.txt:18 field 35B (financial instrument): message CONF-547-0001: no trade matches');
    expect(await sandbox.db().events()).toEqual([]);
  }, 60_000);
});
