import { currentSchemaVersion } from '@recon/domain';
import { createPostgresEventStore, EventMetadata, PostgresEventStore } from '@recon/event-store';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const ISIN = 'US0378331005';

/** A store whose recorded time the test sets, so that "known at" questions have fixed answers. */
export interface ScenarioStore {
  readonly store: PostgresEventStore;
  readonly schema: string;
  /** Appends one event to a stream as if the store recorded it at `recordedAt`. */
  append(streamId: string, type: string, data: object, recordedAt: string, metadata?: EventMetadata): Promise<void>;
}

export async function scenarioStore(schema: string): Promise<ScenarioStore> {
  let now = new Date(0);
  const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, clock: () => now, poolConfig: { max: 3 } });
  let n = 0;
  return {
    store,
    schema,
    append: async (streamId, type, data, recordedAt, metadata = {}) => {
      now = new Date(recordedAt);
      const version = await store.streamVersion(streamId);
      n += 1;
      await store.appendToStream(streamId, [{ eventId: `${schema}-${n}`, type, schemaVersion: currentSchemaVersion(type), data, metadata }], version < 0 ? 'no_stream' : version);
    },
  };
}

/**
 * bAAPL: 1,500 tokens minted on 27 February; the custodian's statement of 28 February (received
 * 1 March) says 1,500 shares; a restated statement for the same date, received 5 March, says 1,400.
 * A shortfall exception of 28 February is proposed by alice, approved by bob and closed that day.
 */
export async function seedRestatementScenario(s: ScenarioStore): Promise<void> {
  const assetId = 'bAAPL';
  await s.append(`asset-${assetId}`, 'AssetRegistered', { assetId, isin: ISIN, symbol: 'bAAPL', name: 'Apple', initialMultiplier: '1', registeredAt: '2026-02-01T09:00:00.000Z' }, '2026-02-01T09:00:00.000Z');
  await s.append(`asset-${assetId}`, 'TokenDeployed', { assetId, chainId: 1, contractAddress: `0x${'a'.repeat(40)}`, decimals: 18 }, '2026-02-01T09:01:00.000Z');
  await s.append(`asset-${assetId}`, 'CustodyAccountLinked', { assetId, custodian: 'BANK', account: 'SAFE-1', linkedAt: '2026-02-01T09:02:00.000Z' }, '2026-02-01T09:02:00.000Z');
  await s.append('issuance-r1', 'MintedOnChain', {
    requestId: 'r1', assetId, chainId: 1, txHash: `0x${'1'.repeat(64)}`, logIndex: 0, amount: `1500${'0'.repeat(18)}`, blockNumber: 100, blockTime: '2026-02-27T10:00:00.000Z',
  }, '2026-02-27T10:01:00.000Z', { businessTime: '2026-02-27T10:00:00.000Z', sourceDocument: `tx:0x${'1'.repeat(64)}:0` });
  const statement = (reference: string, quantity: string, receivedAt: string) => ({
    statementId: `BANK-SAFE-1-${reference}-1`, custodian: 'BANK', account: 'SAFE-1', statementReference: reference, page: 1, lastPage: true,
    asOf: '2026-02-28', basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: ISIN, quantity }], receivedAt,
  });
  await s.append('custody-BANK-SAFE-1', 'StatementReceived', statement('S-0228', '1500', '2026-03-01T08:00:00.000Z'), '2026-03-01T08:00:00.000Z',
    { businessTime: '2026-02-28', sourceDocument: 'statement:BANK:S-0228:1' });
  const exception = { exceptionId: 'x1', assetId };
  await s.append('exception-x1', 'ExceptionRaised', { ...exception, breakType: 'under-collateralized', severity: 'critical', figures: { required: '1500', held: '0' },
    evidenceEventIds: [], raisedAt: '2026-02-28T12:00:00.000Z' }, '2026-02-28T12:00:00.000Z');
  await s.append('exception-x1', 'ResolutionProposed', { ...exception, proposalId: 'p1', maker: 'alice', resolution: 'statement was late', proposedAt: '2026-02-28T13:00:00.000Z' }, '2026-02-28T13:00:00.000Z');
  await s.append('exception-x1', 'ResolutionApproved', { ...exception, proposalId: 'p1', maker: 'alice', checker: 'bob', approvedAt: '2026-02-28T14:00:00.000Z' }, '2026-02-28T14:00:00.000Z');
  await s.append('exception-x1', 'ExceptionClosed', { ...exception, proposalId: 'p1', resolution: 'statement was late', closedAt: '2026-02-28T14:00:00.000Z' }, '2026-02-28T14:00:00.000Z');
  await s.append('custody-BANK-SAFE-1', 'StatementReceived', statement('S-0228-R', '1400', '2026-03-05T08:00:00.000Z'), '2026-03-05T08:00:00.000Z',
    { businessTime: '2026-02-28', sourceDocument: 'statement:BANK:S-0228-R:1' });
}
