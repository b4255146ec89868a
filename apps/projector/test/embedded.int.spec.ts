import { Admin, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { openPgliteEventStore, PgliteEventStore } from '@recon/event-store';
import { canonicalJson } from '@recon/domain';
import { dumpReadModels, EmbeddedProjectionRunner, openReadModels, rebuildReadModels, type TableDump } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import { createProjector } from '../src/projector';
import { generateEvents } from './support/generator';
import {
  appendAll, BROKERS, createTopic, DATABASE_URL, dropSchemas, kafka, openStore, produceEvents, readAllEvents, uniqueName, waitUntilConsumed,
} from './support/harness';

jest.setTimeout(240_000);

let pool: Pool;
let admin: Admin;
let producer: Producer;
let embedded: PgliteEventStore | undefined;
let dataSource: DataSource | undefined;
const runners: EmbeddedProjectionRunner[] = [];
const schemas: string[] = [];

beforeAll(async () => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  for (const runner of runners) await runner.stop().catch(() => undefined);
  await dataSource?.destroy().catch(() => undefined);
  await embedded?.close().catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await dropSchemas(pool, ...schemas);
  await pool?.end();
});

/**
 * The two paths append the same events to two stores, which record them at different instants: the
 * recorded times a fact document keeps (its clock, a deployment's) are the one thing that follows
 * the store it came from, and so does the as-of instant of the findings judged at those times.
 */
const withoutRecordedTimes = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutRecordedTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'recordedAt' && key !== 'latestRecordedAt').map(([key, v]) => [key, withoutRecordedTimes(v)]));
};
const acrossStores = (dump: TableDump): TableDump => ({
  ...dump,
  reconciliation_facts: (dump.reconciliation_facts ?? []).map((row) => ({ ...row, doc: canonicalJson(withoutRecordedTimes(JSON.parse(String(row.doc)))) })),
  reconciler_findings: (dump.reconciler_findings ?? []).map((row) => ({ ...row, finding: canonicalJson({ ...JSON.parse(String(row.finding)), asOf: undefined }) })),
});

test('embedded runner on PGlite (one connection for store and read models) gives the same tables as the Kafka path', async () => {
  const { appends } = generateEvents(51, 2_500, 'd');
  const split = Math.floor(appends.length * 0.7);

  // Embedded: PGlite, the store and TypeORM on the same pool of one connection.
  embedded = await openPgliteEventStore();
  expect(embedded.server.pool.options.max).toBe(1);
  const schema = 'read_models';
  dataSource = await openReadModels({ pool: embedded.server.pool, schema });
  await appendAll(embedded.store, appends.slice(0, split));
  const first = new EmbeddedProjectionRunner({ store: embedded.store, dataSource, schema, maxBatch: 300 });
  runners.push(first);
  await first.start();
  await appendAll(embedded.store, appends.slice(split)); // live, while the runner is subscribed
  const head = (await embedded.store.readAll({ after: 0n })).at(-1)!.globalPosition;
  await first.waitFor(head);
  await first.stop();
  // A restart resumes from the stored checkpoint and changes nothing.
  const before = await dumpReadModels(dataSource, schema);
  const second = new EmbeddedProjectionRunner({ store: embedded.store, dataSource, schema });
  runners.push(second);
  await second.start();
  expect(second.checkpoint).toBe(head);
  await second.stop();
  expect(await dumpReadModels(dataSource, schema)).toEqual(before);

  // Kafka: the same events in a PostgreSQL store, produced to a topic, consumed by the projector.
  const es = uniqueName('es');
  const rm = uniqueName('rm');
  schemas.push(es, rm);
  const store = await openStore(pool, es);
  await appendAll(store, appends);
  const topic = uniqueName('t');
  const group = uniqueName('g');
  await createTopic(admin, topic);
  await produceEvents(producer, topic, await readAllEvents(store));
  const projector = await createProjector({ databaseUrl: DATABASE_URL, schema: rm, brokers: BROKERS, topic, groupId: group });
  try {
    await projector.start();
    await waitUntilConsumed(pool, admin, rm, topic, group);
  } finally {
    await projector.stop();
  }
  const viaKafka = await dumpReadModels({ query: (sql: string) => pool.query(sql).then((r) => r.rows) } as unknown as DataSource, rm);
  expect(viaKafka.processed_events!.length).toBeGreaterThanOrEqual(2_500);
  expect(acrossStores(before)).toEqual(acrossStores(viaKafka));

  // And a rebuild on PGlite from its own $all gives the same rows again.
  await rebuildReadModels({ dataSource, schema, store: embedded.store });
  expect(acrossStores(await dumpReadModels(dataSource, schema))).toEqual(acrossStores(viaKafka));
});
