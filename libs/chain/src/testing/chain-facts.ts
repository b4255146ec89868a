import { EXCEPTION_IDS } from '@recon/platform';
import { AnyDomainEvent, dailyStatementCalendar, evolveFacts, factKeysOf, FactsDocument, reconcileAsset, snapshotOf, upcast } from '@recon/domain';
import { createPostgresEventStore, EventStore, PostgresEventStore } from '@recon/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An event store in a schema of its own, dropped by `drop()`. */
export async function freshStore(): Promise<{ store: PostgresEventStore; drop(): Promise<void> }> {
  const schema = `chain_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 2 } });
  return {
    store,
    drop: async () => {
      await store.close();
      const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Registers the asset and one deployment per chain, as the API would. */
export async function registerAsset(store: EventStore, assetId: string, deployments: readonly { chainId: number; contractAddress: string }[]): Promise<void> {
  const asset: AnyDomainEvent[] = [
    { type: 'AssetRegistered', data: { assetId, isin: 'US0378331005', symbol: assetId, name: 'Apple Inc.', initialMultiplier: '1', registeredAt: '2025-01-02T09:00:00.000Z' } },
    ...deployments.map((d): AnyDomainEvent => ({ type: 'TokenDeployed', data: { assetId, chainId: d.chainId, contractAddress: d.contractAddress, decimals: 18 } })),
  ];
  await store.appendToStream(`asset-${assetId}`, asset.map((e, i) => ({ eventId: `${assetId}-${i}`, type: e.type, schemaVersion: e.type === 'AssetRegistered' ? 2 : 1, data: e.data, metadata: {} })), 'any');
}

/** Every stored event folded into the reconciliation facts, as the reconciler does; then the asset's snapshot and supply breaks. */
export async function reconciledFromStore(store: EventStore, assetId: string, now = new Date().toISOString()) {
  const docs = new Map<string, FactsDocument>();
  for (const recorded of await store.readAll({ maxCount: 100_000 })) {
    const fact = { eventId: recorded.eventId, recordedAt: recorded.recordedAt, event: upcast(recorded.type, recorded.schemaVersion, recorded.data) };
    for (const key of factKeysOf(fact.event)) docs.set(key, evolveFacts(key, docs.get(key), fact));
  }
  const snapshot = snapshotOf(assetId, docs, { assetIdsByIsin: new Map([['US0378331005', assetId]]), now, statementCalendar: dailyStatementCalendar(7) });
  const findings = reconcileAsset(snapshot, {
    now, tolerance: '0', staleness: { default: { hours: 2 } }, windows: { settlement: { days: 2 }, mintBurn: { hours: 24 }, missingPage: { hours: 2 } }, agedSettlementCriticalAfter: { days: 5 },
  }, EXCEPTION_IDS);
  return { snapshot, supplyBreaks: findings.filter((f) => f.breakType === 'supply-mismatch') };
}
