/**
 * pipeline.relay: events per second the relay publishes from the PostgreSQL event store to Kafka
 * (catch-up subscription reads, contract rendering, idempotent producer with acks = all, one send per
 * batch of 500, a compare-and-set checkpoint write after each acknowledgement), against a raw
 * baseline: the same messages, already rendered, sent by a plain kafkajs producer with the same
 * settings in the same batches, with no store read and no checkpoint.
 *
 * Database: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test); broker:
 * KAFKA_BROKERS (default 127.0.0.1:19092, must be running). Work size: BENCH_RELAY_EVENTS (default
 * 10000) events across 20 assets, appended once (not timed) in batches of 100. Every run publishes
 * all of them to a fresh topic (relay: a fresh relay name, so it starts from position 0). Measured
 * by the shared harness (support/paired.ts): warm-up, then alternating relay/producer pairs; each
 * side times its publishing phase only (topic creation and connecting are outside it).
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, dropEventStoreSchema, NewEvent, PostgresEventStore, RecordedEvent } from '@recon/event-store';
import { createKafkaRelay, toKafkaMessage } from '@recon/messaging';
import { BenchResult } from './support/measure';
import { measuredFields, paired, Timed } from './support/paired';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const EVENTS = Number(process.env.BENCH_RELAY_EVENTS ?? 10_000);
const BATCH = 500;

async function fill(store: PostgresEventStore): Promise<RecordedEvent[]> {
  for (let appended = 0; appended < EVENTS; ) {
    const asset = `asset-${(appended / 100) % 20}`;
    const events: NewEvent[] = Array.from({ length: Math.min(100, EVENTS - appended) }, (_, i) => ({
      eventId: `bench-${appended + i}-${randomBytes(4).toString('hex')}`,
      type: 'CustodyPositionReported',
      schemaVersion: 1,
      data: { custodian: 'BNYM', account: `ACC-${(appended + i) % 50}`, assetId: asset, quantity: `${1000 + appended + i}.000000`, asOf: '2024-06-30' },
      metadata: { correlationId: randomBytes(8).toString('hex'), actor: 'bench', sourceDocument: `stmt-${appended + i}` },
    }));
    await store.appendToStream(`custody-${asset}`, events, 'any');
    appended += events.length;
  }
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.globalPosition ?? 0n, maxCount: 5000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

export async function run(): Promise<BenchResult[]> {
  const schema = `bench_relay_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const kafka = new Kafka({ clientId: 'bench-relay', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics: string[] = [];
  const newTopic = async (): Promise<string> => {
    const topic = `bench-relay-${randomBytes(4).toString('hex')}`;
    topics.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
    return topic;
  };
  const store = await createPostgresEventStore({ pool, schema });
  try {
    const events = await fill(store);
    const last = events.at(-1)!.globalPosition;

    let relayNo = 0;
    const relayRun = async (): Promise<Timed> => {
      const topic = await newTopic();
      const relay = createKafkaRelay({ name: `bench-${++relayNo}`, store, pool, schema, brokers: BROKERS, topic, maxBatchSize: BATCH });
      await relay.start(); // checkpoint table, topic check, producer not yet connected
      const started = process.hrtime.bigint();
      await new Promise<void>((resolve, reject) => {
        const poll = (): void => {
          if (relay.checkpoint === last) return resolve();
          relay.done.then(() => reject(new Error('relay ended early')), reject);
          setTimeout(poll, 1);
        };
        poll();
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await relay.stop();
      return { units: EVENTS, seconds };
    };

    const messages = events.map(toKafkaMessage);
    const rawRun = async (): Promise<Timed> => {
      const topic = await newTopic();
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const started = process.hrtime.bigint();
      for (let i = 0; i < messages.length; i += BATCH) {
        await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BATCH) });
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await producer.disconnect();
      return { units: EVENTS, seconds };
    };
    const m = await paired({ name: 'pipeline.relay', value: relayRun, baseline: rawRun });

    return [
      {
        bench: 'pipeline.relay',
        unit: 'events/s',
        ...measuredFields(m),
        n: EVENTS,
        batch: BATCH,
      },
    ];
  } finally {
    await store.close();
    await dropEventStoreSchema(pool, schema).catch(() => undefined);
    await pool.end();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
