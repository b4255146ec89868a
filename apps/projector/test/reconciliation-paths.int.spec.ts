import { Admin, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { PostgresEventStore, RecordedEvent } from '@recon/event-store';
import { createKafkaRelay } from '@recon/messaging';
import { EmbeddedProjectionRunner, openReadModels, ReconciliationProjection } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import { createProjector, Projector } from '../src/projector';
import { generateEvents } from './support/generator';
import {
  appendAll, BROKERS, createTopic, DATABASE_URL, dropSchemas, kafka, openStore, produceEvents, readAllEvents, uniqueName, waitUntilConsumed, waitUntilRelayed,
} from './support/harness';

jest.setTimeout(120_000);

/**
 * Well past the generated trades' settlement dates and statement dates, so the sweep also finds the
 * breaks that only time makes (aged settlements, late statements), not just the balance ones.
 */
const FIXED_NOW = '2025-03-20T12:00:00.000Z';

let pool: Pool;
let admin: Admin;
let producer: Producer;
let dataSource: DataSource | undefined;
let runner: EmbeddedProjectionRunner | undefined;
let projector: Projector | undefined;
const schemas: string[] = [];

beforeAll(async () => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  await runner?.stop().catch(() => undefined);
  await projector?.stop().catch(() => undefined);
  await dataSource?.destroy().catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await dropSchemas(pool, ...schemas);
  await pool?.end();
});

const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await pool.query(sql, params)).rows as T[];

/**
 * The fact documents, with `recentEventIds` as a set: it is the document's delivery log (which ids
 * it has seen, to recognise a redelivery), kept in arrival order, and the two paths interleave the
 * streams differently. Every fact a snapshot reads is compared as stored.
 */
async function facts(schema: string): Promise<Array<{ fact_key: string; doc: { recentEventIds: string[] } }>> {
  const docs = await rows<{ fact_key: string; doc: { recentEventIds: string[] } }>(`SELECT fact_key, doc FROM "${schema}".reconciliation_facts ORDER BY fact_key COLLATE "C"`);
  return docs.map(({ fact_key, doc }) => ({ fact_key, doc: { ...doc, recentEventIds: [...doc.recentEventIds].sort() } }));
}

const sweep = (schema: string) => dataSource!.transaction((m) => new ReconciliationProjection(schema).sweep(m, FIXED_NOW));

/**
 * What a sweep at FIXED_NOW finds: the RaiseException commands it writes, a function of the facts
 * and the instant alone. (Which exceptions stay open also depends on history: a break folded into a
 * capped aggregate keeps its own exception open only if an earlier pass had raised it.)
 */
async function sweepFindings(schema: string): Promise<Array<{ exception_id: string; command: unknown }>> {
  const [{ last }] = await rows<{ last: string }>(`SELECT coalesce(max(id), 0)::text AS last FROM "${schema}".exception_outbox`);
  await sweep(schema);
  return rows(
    `SELECT exception_id, command FROM "${schema}".exception_outbox WHERE id > $1 AND command->>'type' = 'RaiseException' ORDER BY exception_id COLLATE "C"`,
    [last],
  );
}

async function seed(): Promise<{ store: PostgresEventStore; events: RecordedEvent[] }> {
  const es = uniqueName('es');
  schemas.push(es);
  const store = await openStore(pool, es);
  await appendAll(store, generateEvents(37, 2_000, 'r').appends);
  return { store, events: await readAllEvents(store) };
}

test('the continuous reconciler ends with the same facts and findings (every figure) through Kafka as embedded, and a redelivery changes none of them', async () => {
  const { store, events } = await seed();
  const head = events.at(-1)!.globalPosition;
  const viaKafka = uniqueName('rmk');
  const embedded = uniqueName('rme');
  schemas.push(viaKafka, embedded);

  // Kafka: the production relay publishes $all, the projector (reconciler on) consumes it.
  const topic = uniqueName('t');
  const group = uniqueName('g');
  await createTopic(admin, topic);
  projector = await createProjector({ databaseUrl: DATABASE_URL, schema: viaKafka, brokers: BROKERS, topic, groupId: group });
  await projector.start();
  const relay = createKafkaRelay({ name: 'reconciliation-paths', store, pool, schema: store.schema, brokers: BROKERS, topic });
  await relay.start();
  try {
    await waitUntilRelayed(pool, store.schema, 'reconciliation-paths', head);
  } finally {
    await relay.stop();
  }

  // Embedded: the same store's $all, in process, into another schema, while the projector catches up.
  dataSource = await openReadModels({ url: DATABASE_URL, schema: embedded, poolSize: 2 });
  runner = new EmbeddedProjectionRunner({ store, dataSource, schema: embedded, maxBatch: 300, reconciler: new ReconciliationProjection(embedded) });
  await runner.start();
  await runner.waitFor(head);
  await runner.stop();
  await waitUntilConsumed(pool, admin, viaKafka, topic, group);

  const embeddedFacts = await facts(embedded);
  expect(embeddedFacts.length).toBeGreaterThan(0);
  expect(await facts(viaKafka)).toEqual(embeddedFacts);

  const found = await sweepFindings(embedded);
  expect(found.length).toBeGreaterThan(0);
  // The whole command: break type, severity, subject, as-of and every figure, as exact decimal strings.
  expect(await sweepFindings(viaKafka)).toEqual(found);

  // Redelivery through Kafka: a slice produced again is recognised by event id and changes nothing.
  const slice = events.slice(300, 700);
  const duplicatesBefore = projector.consumer.stats.duplicates;
  await produceEvents(producer, topic, slice);
  await waitUntilConsumed(pool, admin, viaKafka, topic, group);
  expect(projector.consumer.stats.duplicates - duplicatesBefore).toBe(slice.length);
  await projector.stop();
  expect(await facts(viaKafka)).toEqual(embeddedFacts);
  expect(await sweepFindings(viaKafka)).toEqual(found);

  // Redelivery embedded: through the projection, which recognises the ids it processed.
  await dataSource.transaction(async (m) => {
    await runner!.projection.lock(m);
    expect(await runner!.projection.applyEvents(m, slice)).toEqual({ applied: 0, duplicates: slice.length });
  });
  // And straight into the reconciler, whose fold is idempotent on its own for the deliveries each
  // document still remembers (RECENT_EVENT_IDS): the latest events are. That pass reconciles at the
  // events' recorded time, so the book is swept at FIXED_NOW again before the exceptions are compared.
  await dataSource.transaction((m) => new ReconciliationProjection(embedded).applyEvents(m, events.slice(-200)));
  expect(await facts(embedded)).toEqual(embeddedFacts);
  expect(await sweepFindings(embedded)).toEqual(found);
});
