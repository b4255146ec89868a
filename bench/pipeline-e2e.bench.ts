/**
 * pipeline.e2e: events per second from the PostgreSQL event store through the relay, Kafka and the
 * projector into the read models in PostgreSQL: the production relay (createKafkaRelay) and the
 * production projector (createProjector: consumer group, one transaction per batch group with rows
 * and offsets) running together in this process, sharing its one JavaScript thread (in production
 * each is its own process, see the memory bench). Timed from the relay's start (the projector has
 * already joined its group) until the projector has applied every event.
 *
 * Baseline: raw kafkajs, the same number of messages with the same keys, headers and values, produced
 * in batches of 500 (idempotent, acks = all, as the relay sends) and consumed with eachBatch by a
 * consumer that only counts them, both at once in this process.
 *
 * Database: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test); broker:
 * KAFKA_BROKERS (default 127.0.0.1:19092, must be running). Work size: BENCH_E2E_EVENTS (default
 * 20000) events of the projector tests' mix. Measured by the shared harness (support/paired.ts):
 * warm-up, then alternating pipeline/raw pairs; each side times its flow only (topic, group join and
 * connecting are outside it).
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, dropEventStoreSchema } from '@recon/event-store';
import { createKafkaRelay, toKafkaMessage } from '@recon/messaging';
import { createProjector } from '../apps/projector/src/projector';
import { readAllEvents } from '../apps/projector/test/support/harness';
import { BenchResult } from './support/measure';
import { measuredFields, paired, Timed } from './support/paired';
import { appendWorkload } from './support/workload';
import { until } from './support/wait';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const EVENTS = Number(process.env.BENCH_E2E_EVENTS ?? 20_000);
const BATCH = 500;
const PARTITIONS = 6;

export async function run(): Promise<BenchResult[]> {
  const tag = randomBytes(4).toString('hex');
  const es = `bench_e2e_${tag}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const kafka = new Kafka({ clientId: 'bench-e2e', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics: string[] = [];
  const readModelSchemas: string[] = [];
  const newTopic = async (): Promise<string> => {
    const topic = `bench-e2e-${tag}-${topics.length}`;
    topics.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    return topic;
  };
  const store = await createPostgresEventStore({ pool, schema: es, listen: false });
  try {
    console.error(`pipeline.e2e: appending ${EVENTS} events`);
    const count = await appendWorkload(store, EVENTS, tag);
    const messages = (await readAllEvents(store)).map(toKafkaMessage);

    const pipeline = async (runIndex: number): Promise<Timed> => {
      const topic = await newTopic();
      const schema = `bench_e2e_rm_${tag}_${runIndex}`;
      readModelSchemas.push(schema);
      const projector = await createProjector({ databaseUrl: DATABASE_URL, schema, brokers: BROKERS, topic, groupId: `bench-e2e-${tag}-${runIndex}` });
      await projector.start();
      await until(() => projector.consumer.assigned.size === PARTITIONS, 30_000, 'projector joined its group');
      const relay = createKafkaRelay({ name: `bench-e2e-${runIndex}`, store, pool, schema: es, brokers: BROKERS, topic, partitions: PARTITIONS });
      await relay.start();
      const started = process.hrtime.bigint();
      let relayDone = 0;
      const watchRelay = until(() => relay.stats.published >= count, 300_000, 'relay published every event').then(() => (relayDone = Number(process.hrtime.bigint() - started) / 1e9));
      await until(() => projector.consumer.stats.applied >= count, 300_000, 'projector applied every event');
      await watchRelay;
      console.error(`pipeline.e2e run ${runIndex}: relay done after ${relayDone.toFixed(2)} s`);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await relay.stop();
      await projector.stop();
      return { units: count, seconds };
    };

    const raw = async (runIndex: number): Promise<Timed> => {
      const topic = await newTopic();
      let consumed = 0;
      const consumer = kafka.consumer({ groupId: `bench-e2e-raw-${tag}-${runIndex}` });
      let assigned = 0;
      consumer.on(consumer.events.GROUP_JOIN, (event) => (assigned = event.payload.memberAssignment[topic]?.length ?? 0));
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) });
      await until(() => assigned === PARTITIONS, 30_000, 'raw consumer joined its group');
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const started = process.hrtime.bigint();
      for (let i = 0; i < messages.length; i += BATCH) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BATCH) });
      await until(() => consumed >= messages.length, 300_000, 'raw consumer read every message');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await producer.disconnect();
      await consumer.disconnect();
      return { units: messages.length, seconds };
    };

    const m = await paired({ name: 'pipeline.e2e', value: pipeline, baseline: raw });
    return [{ bench: 'pipeline.e2e', unit: 'events/s', ...measuredFields(m), target: 0.3, n: count,
      note: 'store → relay → Kafka → projector → PostgreSQL in one process vs raw kafkajs produce + consume of the same messages' }];
  } finally {
    await store.close();
    for (const schema of readModelSchemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await dropEventStoreSchema(pool, es).catch(() => undefined);
    await pool.end();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

if (require.main === module) {
  run().then((lines) => lines.forEach((line) => console.log(JSON.stringify(line))), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
