/**
 * pipeline.relay.memory / projector.memory: peak resident memory (Linux VmHWM) of the relay process
 * and of the projector process, each started as operators run it in production (`npm run relay` /
 * `npm run projector`'s command line: the compiled build with its heap budget) and its environment, while
 * BENCH_MEMORY_EVENTS (default 100000) events of the projector tests' mix go from the event store
 * through Kafka into the read models. Both run at once, the projector joined before the relay starts;
 * the peak is read when the projector has stored the topic's last offset. Target: 300 MB each. A peak
 * that stays flat as the event count grows shows nothing buffers without bound.
 *
 * `seconds` is the time from the relay's first log line saying it relays until the projector is done:
 * the pipeline's throughput with the two services in separate processes, for information.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, dropEventStoreSchema, PostgresEventStore } from '@recon/event-store';
import { waitUntilConsumed } from '../apps/projector/test/support/harness';
import { AppProcess } from './support/app-process';
import { BenchResult, peakRssMbOf, round } from './support/measure';
import { until } from './support/wait';
import { appendWorkload } from './support/workload';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 100_000);
const PARTITIONS = 6;
const TARGET_MB = 300;
const DEADLINE_MS = 15 * 60_000;

export async function run(): Promise<BenchResult[]> {
  const tag = randomBytes(4).toString('hex');
  const es = `bench_mem_${tag}`;
  // One deployment schema, as production runs it: the relay's store and checkpoint in it, the read models in <schema>_read.
  const rm = `${es}_read`;
  const topic = `bench-mem-${tag}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const admin = new Kafka({ clientId: 'bench-memory', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const apps: AppProcess[] = [];
  try {
    const store = await createPostgresEventStore({ pool, schema: es, listen: false });
    console.error(`memory: appending ${EVENTS} events`);
    const count = await appendWorkload(store, EVENTS, tag);
    const last = await lastPosition(store);
    await store.close();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });

    const projector = new AppProcess('projector', { DATABASE_URL, DATABASE_SCHEMA: es, KAFKA_BROKERS: BROKERS.join(','), KAFKA_TOPIC: topic, KAFKA_GROUP: `bench-mem-${tag}` });
    apps.push(projector);
    await until(() => projector.said('"msg":"assigned"'), 120_000, 'the projector joined its group');
    const relay = new AppProcess('relay', {
      DATABASE_URL, DATABASE_SCHEMA: es, KAFKA_BROKERS: BROKERS.join(','), RELAY_NAME: `bench-mem-${tag}`, KAFKA_TOPIC: topic, KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    });
    apps.push(relay);
    await until(() => relay.said('"msg":"relaying"'), 120_000, 'the relay started relaying');
    const started = Date.now();
    console.error(`memory: relaying ${count} events`);
    await until(async () => relay.assertAlive() && projector.assertAlive() && (await relayCheckpoint(pool, es, `bench-mem-${tag}`)) >= last,
      DEADLINE_MS, 'the relay published every event');
    await waitUntilConsumed(pool, admin, rm, topic, `bench-mem-${tag}`, DEADLINE_MS);
    const seconds = (Date.now() - started) / 1000;
    const relayMb = await peakRssMbOf(relay.child.pid!);
    const projectorMb = await peakRssMbOf(projector.child.pid!);
    const common = { unit: 'MB', target: TARGET_MB, n: count, runs: 1, seconds: round(seconds, 1) };
    return [
      { bench: 'pipeline.relay.memory', value: relayMb, peakRssMb: relayMb, ...common, note: 'peak RSS (VmHWM) of the relay as npm run relay starts it, relaying the events' },
      { bench: 'projector.memory', value: projectorMb, peakRssMb: projectorMb, ...common, note: 'peak RSS (VmHWM) of the projector as npm run projector starts it, projecting them' },
    ];
  } finally {
    for (const app of apps) {
      const code = await app.stop();
      if (code !== 0) console.error(`${app.name} exited with ${code}:\n${app.tail()}`);
    }
    await pool.query(`DROP SCHEMA IF EXISTS "${rm}" CASCADE`).catch(() => undefined);
    await dropEventStoreSchema(pool, es).catch(() => undefined);
    await pool.end();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

async function lastPosition(store: PostgresEventStore): Promise<bigint> {
  let last = 0n;
  for (;;) {
    const page = await store.readAll({ after: last, maxCount: 5000 });
    if (page.length === 0) return last;
    last = page[page.length - 1]!.globalPosition;
  }
}

/** The relay's stored checkpoint (0 before its first). */
async function relayCheckpoint(pool: Pool, schema: string, relayName: string): Promise<bigint> {
  const rows = await pool
    .query<{ position: string }>(`SELECT position::text AS position FROM "${schema}".relay_checkpoints WHERE relay_name = $1`, [relayName])
    .then((result) => result.rows)
    .catch(() => []);
  return BigInt(rows[0]?.position ?? 0);
}

if (require.main === module) {
  run().then((lines) => lines.forEach((line) => console.log(JSON.stringify(line))), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
