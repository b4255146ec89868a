import type { RecordedEvent } from '@recon/event-store';
import { dumpReadModels } from './tables';
import { useProjectionSchema } from './testing/projection-schema';
import { recordedEvents } from './testing/recorded-events';

const db = useProjectionSchema('custody_cancel');
const APPLE = 'US0378331005';

const recorded = recordedEvents('2025-03-14T06:00:00Z');
const registered = () => recorded('AssetRegistered', { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple', initialMultiplier: '1', registeredAt: '2025-03-01T00:00:00Z' });
/** Only linked accounts back an asset: the link names the account whose statements count. */
const linked = () => recorded('CustodyAccountLinked', { assetId: 'bAAPL', custodian: 'BANK', account: 'SAFE-1', linkedAt: '2025-03-01T00:00:00Z' });
const statement = (reference: string, asOf: string, quantity: string, completeness = 'COMPLETE') => recorded('StatementReceived', {
  statementId: `${reference}-1`, custodian: 'BANK', account: 'SAFE-1', statementReference: reference, page: 1, lastPage: true, asOf, basis: 'SETTLED',
  completeness, positions: [{ isin: APPLE, quantity }], receivedAt: '2025-03-14T06:00:00Z',
});
const cancellation = (reference: string) => recorded('StatementCancelled', {
  custodian: 'BANK', account: 'SAFE-1', statementReference: reference, pages: [1], cancellationId: `X-${reference}`, asOf: '2025-03-13', cancelledAt: '2025-03-14T08:00:00Z',
});

/** Projects the events in the given batches from empty tables; the account's positions and the asset's held shares after. */
async function after(batches: ReadonlyArray<readonly RecordedEvent[]>) {
  await db.project(batches);
  const dump = await dumpReadModels(db.dataSource, db.schema);
  const positions = (dump.custody_positions ?? []).map((row) => `${String(row.isin)}=${String(row.quantity)}@${String(row.statement_reference)}`);
  return { positions, held: dump.collateralization?.[0]?.held_shares };
}

describe('Custody positions read model: a cancelled statement (23G CANC)', () => {
  const history = () => [registered(), linked(), statement('A', '2025-03-12', '10'), statement('B', '2025-03-13', '4')];

  it.each([
    ['one event per batch', (events: RecordedEvent[]) => events.map((event) => [event])],
    ['all in one batch', (events: RecordedEvent[]) => [events]],
  ])('should restore the positions of the statement before it (%s), and the held shares with them', async (_how, split) => {
    expect(await after(split([...history()]))).toMatchObject({ positions: [`${APPLE}=4.000000000000000000@B`], held: '4.000000000000000000' });
    expect(await after(split([...history(), cancellation('B')]))).toMatchObject({ positions: [`${APPLE}=10.000000000000000000@A`], held: '10.000000000000000000' });
  });

  it('should restore the holdings a cancelled delta was built on', async () => {
    const events = [registered(), linked(), statement('A', '2025-03-12', '10'), statement('D', '2025-03-13', '-3', 'DELTA'), cancellation('D')];
    expect((await after([events])).positions).toEqual([`${APPLE}=10.000000000000000000@A`]);
  });

  it('should leave the account without positions when it had no statement before', async () => {
    expect(await after([[registered(), statement('A', '2025-03-12', '10'), cancellation('A')]])).toMatchObject({ positions: [], held: '0.000000000000000000' });
  });

  it('should keep the current statement when an older one is cancelled, and not restore that one later', async () => {
    expect((await after([[...history(), cancellation('A')]])).positions).toEqual([`${APPLE}=4.000000000000000000@B`]);
    expect((await after([[...history(), cancellation('A'), cancellation('B')]])).positions).toEqual([]);
  });

  it('should carry a negative holding as stated', async () => {
    expect(await after([[registered(), linked(), statement('A', '2025-03-12', '-75.25')]])).toMatchObject({ positions: [`${APPLE}=-75.250000000000000000@A`], held: '-75.250000000000000000' });
  });
});
