import { Admin, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { formatShares } from '@recon/domain';
import { PostgresEventStore, RecordedEvent } from '@recon/event-store';
import { createKafkaRelay } from '@recon/messaging';
import { dumpReadModels, openReadModels, rebuildReadModels } from '@recon/read-models';
import { createProjector, Projector } from '../src/projector';
import { expectedCollateralization, generateEvents, keptTrades } from './support/generator';
import {
  appendAll, createTopic, DATABASE_URL, dropSchemas, kafka, openStore, produceEvents, readAllEvents, uniqueName, waitUntilConsumed, waitUntilRelayed, BROKERS,
} from './support/harness';

jest.setTimeout(240_000);

let pool: Pool;
let admin: Admin;
let producer: Producer;
const schemas: string[] = [];
const projectors: Projector[] = [];

beforeAll(async () => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  for (const projector of projectors) await projector.stop().catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await dropSchemas(pool, ...schemas);
  await pool?.end();
});

async function startProjector(schema: string, topic: string, groupId: string): Promise<Projector> {
  const projector = await createProjector({ databaseUrl: DATABASE_URL, schema, brokers: BROKERS, topic, groupId });
  projectors.push(projector);
  await projector.start();
  return projector;
}

async function seed(seedValue: number, count: number, prefix: string): Promise<{ store: PostgresEventStore; events: RecordedEvent[]; generated: ReturnType<typeof generateEvents> }> {
  const es = uniqueName('es');
  schemas.push(es);
  const store = await openStore(pool, es);
  const generated = generateEvents(seedValue, count, prefix);
  await appendAll(store, generated.appends);
  return { store, events: await readAllEvents(store), generated };
}

const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

test('10,000 events through store → relay → Kafka → projector: counts and sums in every read model are exact, and a rebuild from $all matches row for row', async () => {
  const { store, events, generated } = await seed(11, 10_000, 'a');
  const { expected } = generated;
  expect(events).toHaveLength(expected.eventCount);
  expect(expected.eventCount).toBeGreaterThanOrEqual(10_000);

  const topic = uniqueName('t');
  const group = uniqueName('g');
  const rm = uniqueName('rm');
  schemas.push(rm);
  await createTopic(admin, topic);
  // The production relay publishes the store's $all; the projector runs at the same time, as in production.
  const relay = createKafkaRelay({ name: 'pipeline-test', store, pool, schema: store.schema, brokers: BROKERS, topic });
  const projector = await startProjector(rm, topic, group);
  await relay.start();
  try {
    await waitUntilRelayed(pool, store.schema, 'pipeline-test', events.at(-1)!.globalPosition);
  } finally {
    await relay.stop();
  }
  await waitUntilConsumed(pool, admin, rm, topic, group);
  await projector.stop();

  const s = `"${rm}"`;
  expect(Number((await rows<{ n: string }>(`SELECT count(*) AS n FROM ${s}.processed_events`))[0]!.n)).toBe(expected.eventCount);
  expect(projector.consumer.stats.applied).toBe(expected.eventCount);

  // Assets and multipliers.
  const assets = await rows<{ asset_id: string; isin: string; multiplier: string }>(`SELECT asset_id, isin, multiplier::text FROM ${s}.assets`);
  expect(assets).toHaveLength(expected.assets.size);
  for (const a of assets) expect(a.multiplier.replace(/\.?0+$/, '')).toBe(formatShares(expected.assets.get(a.asset_id)!.multiplier));

  // Token supply per chain: exact base units, last block, decimals.
  const supply = await rows<{ asset_id: string; chain_id: number; decimals: number; supply: string; last_block: string }>(
    `SELECT asset_id, chain_id, decimals, supply::text, last_block::text FROM ${s}.token_supply`,
  );
  const withSupply = [...expected.deployments.keys()];
  expect(supply.map((r) => `${r.asset_id}:${r.chain_id}`).sort()).toEqual(withSupply.sort());
  for (const row of supply) {
    const key = `${row.asset_id}:${row.chain_id}`;
    const e = expected.supply.get(key) ?? { minted: 0n, burned: 0n, lastBlock: 0 };
    expect({ key, supply: row.supply, decimals: row.decimals }).toEqual({ key, supply: (e.minted - e.burned).toString(), decimals: expected.deployments.get(key) });
    if (e.lastBlock > 0) expect(row.last_block).toBe(String(e.lastBlock));
  }
  const totalSupply = (await rows<{ t: string }>(`SELECT sum(supply)::text AS t FROM ${s}.token_supply`))[0]!.t;
  expect(totalSupply).toBe([...expected.supply.values()].reduce((sum, e) => sum + e.minted - e.burned, 0n).toString());

  // Pending settlements: one row per trade not cancelled and not settled past retention, exact quantities and statuses.
  const trades = await rows<{ trade_id: string; quantity: string; settled: string; remaining: string; status: string }>(
    `SELECT trade_id, quantity::text, settled::text, remaining::text, status FROM ${s}.pending_settlements`,
  );
  const kept = new Map(keptTrades(expected));
  expect(trades.map((t) => t.trade_id).sort()).toEqual([...kept.keys()].sort());
  const fixed = (units: bigint) => formatShares(units);
  const norm = (text: string) => fixed(BigInt(text.replace('.', '')));
  for (const t of trades) {
    const e = kept.get(t.trade_id)!;
    expect({ id: t.trade_id, quantity: norm(t.quantity), settled: norm(t.settled), remaining: norm(t.remaining), status: t.status }).toEqual({
      id: t.trade_id, quantity: fixed(e.quantity), settled: fixed(e.settled), remaining: fixed(e.quantity - e.settled), status: e.status,
    });
  }

  // Custody: the latest statement of every account, unknown instruments kept with a null asset.
  const positions = await rows<{ custodian: string; account: string; isin: string; asset_id: string | null; quantity: string; statement_reference: string }>(
    `SELECT custodian, account, isin, asset_id, quantity::text, statement_reference FROM ${s}.custody_positions`,
  );
  const expectedPositions = [...expected.accounts].flatMap(([key, a]) => [...a.positions].map(([isin, q]) => `${key}:${isin}:${fixed(q)}:${a.reference}`));
  expect(positions.map((p) => `${p.custodian}:${p.account}:${p.isin}:${norm(p.quantity)}:${p.statement_reference}`).sort()).toEqual(expectedPositions.sort());
  const isinToAsset = new Map([...expected.assets].map(([id, a]) => [a.isin, id]));
  for (const p of positions) expect(p.asset_id).toBe(isinToAsset.get(p.isin) ?? null);
  expect(positions.some((p) => p.asset_id === null)).toBe(true);

  // Collateralization: required and held per asset, exactly.
  const collateral = await rows<{ asset_id: string; required_shares: string; held_shares: string; difference: string }>(
    `SELECT asset_id, required_shares::text, held_shares::text, difference::text FROM ${s}.collateralization`,
  );
  const expectedCollateral = expectedCollateralization(expected);
  expect(collateral).toHaveLength(expected.assets.size);
  for (const c of collateral) {
    const e = expectedCollateral.get(c.asset_id)!;
    expect({ id: c.asset_id, required: norm(c.required_shares), held: norm(c.held_shares), difference: norm(c.difference) }).toEqual({
      id: c.asset_id, required: fixed(e.required), held: fixed(e.held), difference: fixed(e.held - e.required),
    });
  }

  // Rebuild from the store's $all into another schema: the same tables, row for row.
  const rebuiltSchema = uniqueName('rb');
  schemas.push(rebuiltSchema);
  const dataSource = await openReadModels({ url: DATABASE_URL, schema: rebuiltSchema, poolSize: 2 });
  try {
    const result = await rebuildReadModels({ dataSource, schema: rebuiltSchema, store });
    expect(result.events).toBe(expected.eventCount);
    expect(await dumpReadModels(dataSource, rebuiltSchema)).toEqual(await dumpReadModels(dataSource, rm));
    // Rebuilding the live schema in place gives the same rows again.
    await rebuildReadModels({ dataSource, schema: rm, store });
    expect(await dumpReadModels(dataSource, rm)).toEqual(await dumpReadModels(dataSource, rebuiltSchema));
  } finally {
    await dataSource.destroy();
  }
});

test('two projector instances in one group share the partitions and produce what one instance produces', async () => {
  const { events } = await seed(23, 3_000, 'c');
  const topic = uniqueName('t');
  await createTopic(admin, topic, 6);
  const shared = uniqueName('rm');
  const single = uniqueName('rm');
  schemas.push(shared, single);
  const group = uniqueName('g');
  // Migrate once before two processes start on the same schema.
  await (await openReadModels({ url: DATABASE_URL, schema: shared, poolSize: 1 })).destroy();
  const first = await startProjector(shared, topic, group);
  const second = await startProjector(shared, topic, group);
  const deadline = Date.now() + 60_000;
  while (!(first.consumer.assigned.size > 0 && second.consumer.assigned.size > 0 && first.consumer.assigned.size + second.consumer.assigned.size === 6)) {
    if (Date.now() > deadline) throw new Error(`no shared assignment: ${[...first.consumer.assigned]} / ${[...second.consumer.assigned]}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect([...first.consumer.assigned].filter((p) => second.consumer.assigned.has(p))).toEqual([]);
  await produceEvents(producer, topic, events);
  // Redelivery: a slice produced a second time.
  await produceEvents(producer, topic, events.slice(100, 400));
  await waitUntilConsumed(pool, admin, shared, topic, group);
  expect(first.consumer.stats.applied).toBeGreaterThan(0);
  expect(second.consumer.stats.applied).toBeGreaterThan(0);
  expect(first.consumer.stats.applied + second.consumer.stats.applied).toBe(events.length);
  await first.stop();
  await second.stop();

  const singleGroup = uniqueName('g');
  const alone = await startProjector(single, topic, singleGroup);
  await waitUntilConsumed(pool, admin, single, topic, singleGroup);
  await alone.stop();
  expect(alone.consumer.stats.duplicates).toBe(300);

  const dataSource = await openReadModels({ url: DATABASE_URL, schema: single, poolSize: 1 });
  try {
    const together = await dumpReadModels(dataSource, shared);
    expect(together.processed_events).toHaveLength(events.length);
    expect(together).toEqual(await dumpReadModels(dataSource, single));
  } finally {
    await dataSource.destroy();
  }
});
