import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Admin, Kafka, logLevel, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore, RecordedEvent } from '@recon/event-store';
import { HEADERS, partitionKeyOf, toIntegrationMessageValue } from '@recon/messaging';
import { Append } from './generator';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const run = `${process.pid}_${Date.now().toString(36)}`;
let counter = 0;

/** A fresh name for a schema, topic or group: every test has its own. */
export const uniqueName = (kind: string): string => `${kind}_${run}_${++counter}`;

export const kafka = new Kafka({ clientId: 'projector-tests', brokers: BROKERS, logLevel: logLevel.NOTHING });

export async function createTopic(admin: Admin, topic: string, partitions = 6): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
}

export async function openStore(pool: Pool, schema: string): Promise<PostgresEventStore> {
  return createPostgresEventStore({ pool, schema, listen: false, notify: false });
}

export async function appendAll(store: PostgresEventStore, appends: readonly Append[]): Promise<void> {
  // Streams append in order; several streams in flight at once keep it quick.
  const queue = [...appends];
  const inFlight = new Set<string>();
  const workers = [...Array(4)].map(async () => {
    for (;;) {
      const index = queue.findIndex((a) => !inFlight.has(a.streamId));
      if (index < 0) {
        if (queue.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      const [append] = queue.splice(index, 1);
      inFlight.add(append!.streamId);
      try {
        await store.appendToStream(append!.streamId, append!.events, 'any');
      } finally {
        inFlight.delete(append!.streamId);
      }
    }
  });
  await Promise.all(workers);
}

export async function readAllEvents(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.globalPosition ?? 0n, maxCount: 5000 });
    all.push(...page);
    if (page.length < 5000) return all;
  }
}

/** Publishes stored events as the relay will: the contract's value, key and headers. */
export async function produceEvents(producer: Producer, topic: string, events: readonly RecordedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(i, i + 1000).map((event) => ({
        key: partitionKeyOf(event),
        value: JSON.stringify(toIntegrationMessageValue(event)),
        headers: {
          [HEADERS.eventId]: event.eventId,
          [HEADERS.eventType]: event.type,
          [HEADERS.schemaVersion]: String(event.schemaVersion),
          [HEADERS.streamId]: event.streamId,
          [HEADERS.streamVersion]: String(event.streamVersion),
          [HEADERS.globalPosition]: event.globalPosition.toString(),
        },
      })),
    });
  }
}

/** Resolves once the group's offsets stored in the read-model schema reach the topic's end on every partition. */
/** Waits until the relay's checkpoint (written only after the broker's acknowledgement) reaches `position`. */
export async function waitUntilRelayed(pool: Pool, schema: string, relayName: string, position: bigint, deadlineMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const rows = await pool
      .query<{ position: string }>(`SELECT position::text AS position FROM "${schema}".relay_checkpoints WHERE relay_name = $1`, [relayName])
      .then((r) => r.rows)
      .catch(() => []);
    if (rows[0] && BigInt(rows[0].position) >= position) return;
    if (Date.now() - started > deadlineMs) throw new Error(`relay "${relayName}" did not reach position ${position} within ${deadlineMs} ms (at ${rows[0]?.position ?? 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function waitUntilConsumed(pool: Pool, admin: Admin, schema: string, topic: string, group: string, deadlineMs = 120_000): Promise<void> {
  const ends = (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, high: BigInt(p.high) })).filter((p) => p.high > 0n);
  const started = Date.now();
  for (;;) {
    const rows = await pool
      .query<{ partition: number; next_offset: string }>(`SELECT partition, next_offset::text AS next_offset FROM "${schema}".consumer_offsets WHERE group_id = $1 AND topic = $2`, [group, topic])
      .then((r) => r.rows)
      .catch(() => []);
    const stored = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
    if (ends.every((e) => (stored.get(e.partition) ?? 0n) >= e.high)) return;
    if (Date.now() - started > deadlineMs) {
      throw new Error(`not consumed within ${deadlineMs} ms: ends ${JSON.stringify(ends.map((e) => [e.partition, String(e.high)]))} stored ${JSON.stringify(rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface ProjectorProcess {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** The runnable projector: `node -r @swc-node/register apps/projector/src/main.ts`. */
export function spawnProjector(env: Record<string, string>): ProjectorProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/projector/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: BROKERS.join(','), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function killProcess(p: ProjectorProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await p.exited;
}

export async function dropSchemas(pool: Pool, ...schemas: string[]): Promise<void> {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
}
