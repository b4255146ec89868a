import { currentSchemaVersion } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import { collateralizationHistory } from '../queries/collateralization-history';
import { runsByRecordedDay } from './read-model-projection';
import { dumpReadModels } from './tables';
import { useProjectionSchema } from './testing/projection-schema';

const db = useProjectionSchema('coll_history');

const TOKEN = 10n ** 18n;
const contractAddress = `0x${'1'.padStart(40, '0')}`;
let position = 0n;
/** An event recorded at `recordedAt`: the day of the history row it lands in. */
const event = (recordedAt: string, type: string, data: object): RecordedEvent => {
  position += 1n;
  return { eventId: `h${position}`, type, schemaVersion: currentSchemaVersion(type), data, metadata: {}, streamId: 's', streamVersion: 0, globalPosition: position, recordedAt, hash: '', previousHash: '' };
};
const mint = (recordedAt: string, tokens: bigint, blockTime: string) =>
  event(recordedAt, 'MintedOnChain', { assetId: 'A1', chainId: 1, contractAddress, requestId: `R${position}`, txHash: `0x${(position + 1000n).toString(16).padStart(64, '0')}`, logIndex: 0, amount: (tokens * TOKEN).toString(), blockNumber: Number(position), blockTime });
const statement = (recordedAt: string, asOf: string, quantity: string) =>
  event(recordedAt, 'StatementReceived', {
    statementId: `S-${position}`, custodian: 'BANK1', account: 'ACC0', statementReference: `S-${position}`, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE',
    positions: [{ isin: 'XS0000000001', quantity }], receivedAt: recordedAt,
  });

/** Day 1: 100 tokens minted, 100 shares held; day 2 nothing; day 3: 60 more minted (short); day 3 later: 160 held; day 5: a late statement of day 1 saying 150. */
const story = (): RecordedEvent[] => [
  event('2026-03-01T09:00:00.000Z', 'AssetRegistered', { assetId: 'A1', isin: 'XS0000000001', symbol: 'A1', name: 'Asset', initialMultiplier: '1', registeredAt: '2026-03-01T09:00:00.000Z' }),
  event('2026-03-01T09:00:01.000Z', 'TokenDeployed', { assetId: 'A1', chainId: 1, contractAddress, decimals: 18 }),
  event('2026-03-01T09:00:02.000Z', 'CustodyAccountLinked', { assetId: 'A1', custodian: 'BANK1', account: 'ACC0', linkedAt: '2026-03-01T09:00:02.000Z' }),
  mint('2026-03-01T10:00:00.000Z', 100n, '2026-03-01T09:59:00.000Z'),
  statement('2026-03-01T23:59:59.999Z', '2026-03-01', '100'),
  mint('2026-03-03T08:00:00.000Z', 60n, '2026-03-03T07:59:00.000Z'),
  statement('2026-03-03T18:00:00.000Z', '2026-03-03', '160'),
  mint('2026-03-03T20:00:00.000Z', 40n, '2026-03-03T19:59:00.000Z'),
  statement('2026-03-05T07:00:00.000Z', '2026-03-05', '150'),
];

async function project(batches: ReadonlyArray<readonly RecordedEvent[]>) {
  await db.project(batches);
  return dumpReadModels(db.dataSource, db.schema);
}

describe('collateralization_history', () => {
  it('should hold, per asset and recorded day, the figures after that day\'s last event, whatever the batches', async () => {
    const events = story();
    const oneByOne = await project(events.map((e) => [e]));
    const rows = oneByOne.collateralization_history!.map((row) => [row.required_shares, row.held_shares, row.difference, row.ratio]);
    expect(rows).toEqual([
      ['100.000000000000000000', '100.000000000000000000', '0.000000000000000000', '1'],
      ['200.000000000000000000', '160.000000000000000000', '-40.000000000000000000', '0.8'],
      ['200.000000000000000000', '150.000000000000000000', '-50.000000000000000000', '0.75'],
    ]);
    expect(await project([events])).toEqual(oneByOne);
    expect(await project([events.slice(0, 5), events.slice(5)])).toEqual(oneByOne);
    expect(await project([events.slice(0, 3), events.slice(3, 7), events.slice(7)])).toEqual(oneByOne);
  });

  it('should answer every day of a range, carrying the last known figures over days without events', async () => {
    await project([story()]);
    const [a1] = await collateralizationHistory(db.dataSource, db.schema, { from: '2026-02-28', to: '2026-03-06' });
    expect(a1!.assetId).toBe('A1');
    expect(a1!.points.map((p) => [p.date, p.recordedDate, p.ratio, p.difference])).toEqual([
      ['2026-02-28', null, null, null],
      ['2026-03-01', '2026-03-01', '1', '0'],
      ['2026-03-02', '2026-03-01', '1', '0'],
      ['2026-03-03', '2026-03-03', '0.8', '-40'],
      ['2026-03-04', '2026-03-03', '0.8', '-40'],
      ['2026-03-05', '2026-03-05', '0.75', '-50'],
      ['2026-03-06', '2026-03-05', '0.75', '-50'],
    ]);
    // as of: the business time of the latest fact behind the figures, here the day-3 mint's block.
    expect(a1!.points[3]!.asOf).toBe('2026-03-03T19:59:00.000Z');
    expect(await collateralizationHistory(db.dataSource, db.schema, { from: '2026-03-01', to: '2026-03-01', assetId: 'nope' })).toEqual([]);
  });

  it('should split a batch where the recorded day changes, a day coming back making a run of its own', () => {
    const at = (recordedAt: string) => event(recordedAt, 'MintRequested', {});
    const runs = runsByRecordedDay([at('2026-03-01T10:00:00Z'), at('2026-03-01T11:00:00Z'), at('2026-03-02T00:00:00Z'), at('2026-03-01T12:00:00Z')]);
    expect(runs.map((run) => [run.day, run.events.length])).toEqual([['2026-03-01', 2], ['2026-03-02', 1], ['2026-03-01', 1]]);
  });
});
