import type { EntityManager } from 'typeorm';
import { ReadModelProjection, READ_MODEL_PROJECTION } from '../projection/read-model-projection';
import { useProjectionSchema } from '../projection/testing/projection-schema';
import { recordedEvents } from '../projection/testing/recorded-events';
import { ReconciliationProjection } from './reconciliation-projection';

const db = useProjectionSchema('raise_moved');
const reconciler = new ReconciliationProjection(db.schema);
const projection = new ReadModelProjection(db.schema, READ_MODEL_PROJECTION, reconciler);
const APPLE = 'US0378331005';

const recorded = recordedEvents('2025-03-14T06:00:00Z');
const statement = (reference: string, asOf: string, quantity: string) => recorded('StatementReceived', {
  statementId: `${reference}-1`, custodian: 'BANK', account: 'SAFE-1', statementReference: reference, page: 1, lastPage: true, asOf, basis: 'SETTLED',
  completeness: 'COMPLETE', positions: [{ isin: APPLE, quantity }], receivedAt: '2025-03-14T06:00:00Z',
});
const chain = { assetId: 'bAAPL', chainId: 1, contractAddress: '0x00000000000000000000000000000000000000aa' };
const setUp = () => [
  recorded('AssetRegistered', { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple', initialMultiplier: '1', registeredAt: '2025-03-01T00:00:00Z' }),
  recorded('TokenDeployed', { ...chain, decimals: 0 }),
  recorded('CustodyAccountLinked', { assetId: 'bAAPL', custodian: 'BANK', account: 'SAFE-1', linkedAt: '2025-03-01T00:00:00Z' }),
  recorded('ChainTransferObserved', {
    ...chain, blockNumber: 7, blockHash: `0x${'1'.repeat(64)}`, blockTime: '2025-03-12T10:00:00Z', direction: 'mint', txHash: `0x${'2'.repeat(64)}`, logIndex: 0, amount: '10',
  }),
];

/** Projects one batch; the under-collateralized raises it wrote to the outbox, as "required/held". */
async function raisedBy(run: (manager: EntityManager) => Promise<unknown>): Promise<string[]> {
  const [{ last }] = await db.dataSource.query(`SELECT coalesce(max(id), 0)::text AS last FROM "${db.schema}".exception_outbox`);
  await db.dataSource.transaction(async (manager) => {
    await projection.lock(manager);
    await run(manager);
  });
  const rows: Array<{ figures: { required?: string; held?: string } }> = await db.dataSource.query(
    `SELECT command->'data'->'figures' AS figures FROM "${db.schema}".exception_outbox
     WHERE id > $1 AND command->>'type' = 'RaiseException' AND command->'data'->>'breakType' = 'under-collateralized' ORDER BY id`,
    [last],
  );
  return rows.map((row) => `${row.figures.required}/${row.figures.held}`);
}

describe('Continuous reconciler: raising only what moved', () => {
  it('should raise a break once, not again while its figures hold, again when they move, and in full at every clock sweep', async () => {
    expect(await raisedBy((m) => projection.applyEvents(m, [...setUp(), statement('S1', '2025-03-12', '4')]))).toEqual(['10/4']);
    // The next day's statement shows the same 4 shares: the break persists unchanged, the aggregate would decide nothing.
    expect(await raisedBy((m) => projection.applyEvents(m, [statement('S2', '2025-03-13', '4')]))).toEqual([]);
    expect(await raisedBy((m) => projection.applyEvents(m, [statement('S3', '2025-03-14', '5')]))).toEqual(['10/5']);
    expect(await raisedBy((m) => reconciler.sweep(m, '2025-03-14T07:00:00Z'))).toEqual(['10/5']);
  });
});
