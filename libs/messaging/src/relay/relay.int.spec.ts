import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import { CheckpointConflictError, PostgresRelayCheckpointStore } from './checkpoint-store';
import { createKafkaRelay } from './create-kafka-relay';
import { Relay } from './relay';
import {
  analyzeTopic,
  appendRandom,
  deleteTopic,
  dropSchema,
  prng,
  readCheckpoint,
  readWholeStore,
  TEST_BROKERS,
  TEST_DATABASE_URL,
  TopicReader,
  uniqueName,
  waitUntil,
} from './testing/relay-test-kit';

jest.setTimeout(90_000);

describe('Relay (PostgreSQL event store → real Kafka broker)', () => {
  let admin: Pool;
  const schemas: string[] = [];
  const topics: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(() => {
    admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(admin, schema).catch(() => undefined);
    for (const topic of topics) await deleteTopic(TEST_BROKERS, topic);
    await admin.end();
  });

  async function setup(): Promise<{ schema: string; topic: string; store: PostgresEventStore; pool: Pool; reader: TopicReader }> {
    const schema = uniqueName('relay_t');
    const topic = uniqueName('relay-test');
    schemas.push(schema);
    topics.push(topic);
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
    const store = await createPostgresEventStore({ pool, schema });
    const reader = new TopicReader(TEST_BROKERS, topic);
    cleanups.push(async () => {
      await reader.stop();
      await store.close();
      await pool.end();
    });
    return { schema, topic, store, pool, reader };
  }

  function relayFor(ctx: { schema: string; topic: string; store: PostgresEventStore; pool: Pool }, name = 'relay', extra: { partitions?: number; maxBatchSize?: number } = {}): Relay {
    const relay = createKafkaRelay({
      name,
      store: ctx.store,
      pool: ctx.pool,
      schema: ctx.schema,
      brokers: TEST_BROKERS,
      topic: ctx.topic,
      lingerMs: 2,
      ...extra,
    });
    cleanups.push(() => relay.stop());
    return relay;
  }

  it('publishes every event with the contract key, headers and value, in order per key, and checkpoints the last position', async () => {
    const ctx = await setup();
    const rng = prng(1001);
    let appended = 0;
    while (appended < 600) appended += await appendRandom(ctx.store, rng, 6); // backlog before the relay starts
    const relay = relayFor(ctx, 'relay', { maxBatchSize: 100 });
    await relay.start();
    while (appended < 1200) appended += await appendRandom(ctx.store, rng, 6); // live events while it runs

    const stored = await readWholeStore(ctx.store);
    expect(stored).toHaveLength(appended);
    const last = stored.at(-1)!.globalPosition;
    // The relay writes the checkpoint row, then moves its own counter: wait for both.
    await waitUntil('checkpoint at the last position', async () => (await readCheckpoint(ctx.pool, ctx.schema, 'relay')) === last && relay.checkpoint === last);

    await ctx.reader.start();
    await ctx.reader.drain();
    const analysis = analyzeTopic(ctx.reader.messages, stored);
    expect(analysis.problems).toEqual([]);
    expect(analysis.duplicates).toBe(0); // no failure, no crash: the idempotent producer sends each once
    expect(analysis.messages).toBe(stored.length);
    expect(analysis.reconstructed).toEqual(stored);
    expect(relay.stats).toMatchObject({ published: stored.length, failedSends: 0 });
  });

  it('creates the topic with the configured partition count, and a restarted relay resumes from its checkpoint without re-publishing', async () => {
    const ctx = await setup();
    const rng = prng(2002);
    let appended = 0;
    while (appended < 200) appended += await appendRandom(ctx.store, rng);

    const first = relayFor(ctx, 'resume', { partitions: 3 });
    await first.start();
    let stored = await readWholeStore(ctx.store);
    await waitUntil('first run caught up', () => first.checkpoint === stored.at(-1)!.globalPosition);
    await first.stop();
    const firstRun = stored.length;
    expect(first.stats.published).toBe(firstRun);
    expect(await readCheckpoint(ctx.pool, ctx.schema, 'resume')).toBe(stored.at(-1)!.globalPosition);

    const kafkaAdmin = new Kafka({ clientId: 'relay-test', brokers: TEST_BROKERS, logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    try {
      const metadata = await kafkaAdmin.fetchTopicMetadata({ topics: [ctx.topic] });
      expect(metadata.topics[0]!.partitions).toHaveLength(3);
    } finally {
      await kafkaAdmin.disconnect();
    }

    while (appended < 400) appended += await appendRandom(ctx.store, rng);
    const second = relayFor(ctx, 'resume', { partitions: 3 });
    await second.start();
    stored = await readWholeStore(ctx.store);
    await waitUntil('second run caught up', () => second.checkpoint === stored.at(-1)!.globalPosition);
    await second.stop();

    await ctx.reader.start();
    await ctx.reader.drain();
    const analysis = analyzeTopic(ctx.reader.messages, stored);
    expect(analysis.problems).toEqual([]);
    expect(analysis.duplicates).toBe(0);
    expect(second.stats.published).toBe(stored.length - firstRun); // only what came after the first run
  });

  it('checkpoints by compare-and-set: a stale writer is refused, the table is created idempotently', async () => {
    const ctx = await setup();
    const a = new PostgresRelayCheckpointStore(ctx.pool, ctx.schema);
    const b = new PostgresRelayCheckpointStore(ctx.pool, ctx.schema);
    await Promise.all([a.ensure(), b.ensure(), a.ensure()]);
    expect(await a.load('cas')).toBe(0n);
    await a.save('cas', 0n, 10n);
    await expect(b.save('cas', 0n, 5n)).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await b.load('cas')).toBe(10n);
    await b.save('cas', 10n, 12n);
    expect(await a.load('cas')).toBe(12n);
    expect(await a.load('other')).toBe(0n);
  });

  it('stops with an error instead of overwriting when another relay with the same name moved the checkpoint', async () => {
    const ctx = await setup();
    const rng = prng(3003);
    let appended = 0;
    while (appended < 50) appended += await appendRandom(ctx.store, rng);
    const relay = relayFor(ctx, 'twin', { maxBatchSize: 10 });
    await relay.start();
    await waitUntil('first batches', () => relay.checkpoint > 0n);
    // the "other instance": jumps the stored checkpoint behind the relay's back
    await ctx.pool.query(`UPDATE "${ctx.schema}".relay_checkpoints SET position = position + 1000 WHERE relay_name = 'twin'`);
    while (appended < 100) appended += await appendRandom(ctx.store, rng);
    await expect(relay.done).rejects.toBeInstanceOf(CheckpointConflictError);
  });
});
