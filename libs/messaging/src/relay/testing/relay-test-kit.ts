/**
 * Test helpers for the relay's integration tests (excluded from the build: `testing/`).
 * Real PostgreSQL and a real Kafka broker; every test gets its own schema and topic.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { seededRandom } from '@recon/domain';
import type { EventStore, RecordedEvent } from '@recon/event-store';
import { fromIntegrationMessageValue, HEADERS, IntegrationMessageValue, partitionKeyOf } from '../../contract/integration-message';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((b) => b.trim());

/** Schema / topic names unique per run: `<prefix>_<pid>_<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

export async function deleteTopic(brokers: readonly string[], topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'relay-test-cleanup', brokers: [...brokers], logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
  } catch {
    // best effort: a broker that is gone or a topic never created is fine here
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The shared seeded generator: the same seed gives the same run. */
export const prng = seededRandom;

export const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: () => number, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

let sequence = 0;

/**
 * Appends one random batch (1..maxBatch events) to a random stream: asset and trade streams carry
 * an asset id (key `asset:<id>`), custody streams do not (key `stream:<id>`).
 */
export async function appendRandom(store: EventStore, rng: () => number, maxBatch = 4): Promise<number> {
  const asset = `A${between(rng, 1, 8)}`;
  const kind = pick(rng, ['asset', 'trade', 'custody'] as const);
  const streamId = kind === 'asset' ? `asset-${asset}` : kind === 'trade' ? `trade-T${between(rng, 1, 12)}` : `custody-BNYM-ACC${between(rng, 1, 4)}`;
  const count = between(rng, 1, maxBatch);
  const events = Array.from({ length: count }, () => {
    const n = ++sequence;
    return {
      eventId: `${process.pid}-${n}-${randomBytes(4).toString('hex')}`,
      type: kind === 'custody' ? 'CustodyPositionReported' : kind === 'trade' ? 'TradeExecuted' : 'AssetNoteAdded',
      schemaVersion: 1,
      data: kind === 'custody' ? { account: streamId, quantity: `${n}.000000`, note: 'ü€ "quoted"' } : { assetId: asset, quantity: `${n}.50`, seq: n },
      metadata: { correlationId: `c-${n}`, actor: 'relay-test', sourceDocument: `doc-${n}` },
    };
  });
  await store.appendToStream(streamId, events, 'any');
  return count;
}

export async function readWholeStore(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.globalPosition ?? 0n, maxCount: 2000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

export async function readCheckpoint(pool: Pool, schema: string, relayName: string): Promise<bigint | undefined> {
  const res = await pool
    .query<{ position: string }>(`SELECT position::text AS position FROM "${schema}".relay_checkpoints WHERE relay_name = $1`, [relayName])
    .catch(() => ({ rows: [] as { position: string }[] }));
  return res.rows[0] ? BigInt(res.rows[0].position) : undefined;
}

export async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface ReceivedMessage {
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string | null;
  readonly headers: Record<string, string>;
  readonly value: IntegrationMessageValue;
}

/** Reads a whole topic from the beginning (own consumer group), keeping every message. */
export class TopicReader {
  readonly messages: ReceivedMessage[] = [];
  private readonly kafka: Kafka;
  private readonly consumer;
  private readonly next = new Map<number, bigint>();

  constructor(
    readonly brokers: readonly string[],
    readonly topic: string,
  ) {
    this.kafka = new Kafka({ clientId: 'relay-test-reader', brokers: [...brokers], logLevel: logLevel.NOTHING });
    this.consumer = this.kafka.consumer({ groupId: uniqueName('relay-test-reader'), sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
        }
        this.messages.push({
          partition,
          offset: BigInt(message.offset),
          key: message.key ? message.key.toString('utf8') : null,
          headers,
          value: JSON.parse(message.value!.toString('utf8')) as IntegrationMessageValue,
        });
        this.next.set(partition, BigInt(message.offset) + 1n);
      },
    });
  }

  /** Waits until every partition was read up to its current high watermark. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      await waitUntil(`${this.topic} read to its end`, () => offsets.every((o) => (this.next.get(o.partition) ?? 0n) >= BigInt(o.high)), timeoutMs);
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }

  /** Unique event ids seen so far. */
  uniqueIds(): Set<string> {
    return new Set(this.messages.map((m) => m.headers[HEADERS.eventId]!));
  }
}

export interface TopicAnalysis {
  readonly messages: number;
  readonly duplicates: number;
  readonly problems: string[];
  /** The deduplicated events (first occurrence), in global order. */
  readonly reconstructed: RecordedEvent[];
}

/**
 * Checks a topic's content against the store's `$all`: every message is exactly the contract
 * rendering of a stored event (key, headers, value); each key lives on one partition; after
 * removing duplicates by event id (first occurrence kept, in partition-offset order) each key's
 * events are exactly the store's events of that key, in store order; nothing missing, nothing extra.
 */
export function analyzeTopic(received: readonly ReceivedMessage[], stored: readonly RecordedEvent[]): TopicAnalysis {
  const problems: string[] = [];
  const byId = new Map(stored.map((e) => [e.eventId, e]));
  const ordered = [...received].sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  const note = (problem: string): void => {
    if (problems.length < 20) problems.push(problem);
  };

  const partitionOfKey = new Map<string, number>();
  const firstSeen = new Map<string, ReceivedMessage>();
  const perKey = new Map<string, bigint[]>();
  for (const m of ordered) {
    const id = m.headers[HEADERS.eventId];
    const event = id !== undefined ? byId.get(id) : undefined;
    if (!event) {
      note(`message p${m.partition}@${m.offset} has an event id not in the store: ${String(id)}`);
      continue;
    }
    const key = partitionKeyOf(event);
    if (m.key !== key) note(`event ${id}: key ${String(m.key)}, expected ${key}`);
    const expectedHeaders = {
      [HEADERS.eventId]: event.eventId,
      [HEADERS.eventType]: event.type,
      [HEADERS.schemaVersion]: String(event.schemaVersion),
      [HEADERS.streamId]: event.streamId,
      [HEADERS.streamVersion]: String(event.streamVersion),
      [HEADERS.globalPosition]: event.globalPosition.toString(),
    };
    if (!isDeepStrictEqual(m.headers, expectedHeaders)) note(`event ${id}: headers ${JSON.stringify(m.headers)}, expected ${JSON.stringify(expectedHeaders)}`);
    const expectedValue = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition.toString(),
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
      hash: event.hash,
      previousHash: event.previousHash,
    };
    if (!isDeepStrictEqual(m.value, expectedValue)) note(`event ${id}: value ${JSON.stringify(m.value)}, expected ${JSON.stringify(expectedValue)}`);
    const partition = partitionOfKey.get(key);
    if (partition === undefined) partitionOfKey.set(key, m.partition);
    else if (partition !== m.partition) note(`key ${key} on partitions ${partition} and ${m.partition}`);
    if (firstSeen.has(event.eventId)) continue;
    firstSeen.set(event.eventId, m);
    perKey.set(key, [...(perKey.get(key) ?? []), event.globalPosition]);
  }

  const expectedPerKey = new Map<string, bigint[]>();
  for (const e of stored) expectedPerKey.set(partitionKeyOf(e), [...(expectedPerKey.get(partitionKeyOf(e)) ?? []), e.globalPosition]);
  for (const [key, positions] of expectedPerKey) {
    const got = perKey.get(key) ?? [];
    if (got.join(',') !== positions.join(',')) {
      const missing = positions.filter((p) => !got.includes(p));
      note(`key ${key}: ${got.length} of ${positions.length} events` + (missing.length ? `, missing positions ${missing.slice(0, 10).join(',')}` : ', out of order'));
    }
  }
  for (const key of perKey.keys()) if (!expectedPerKey.has(key)) note(`unexpected key ${key}`);

  const reconstructed = [...firstSeen.values()].map((m) => fromIntegrationMessageValue(m.value)).sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
  return { messages: received.length, duplicates: received.length - firstSeen.size, problems, reconstructed };
}
