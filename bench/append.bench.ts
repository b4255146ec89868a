/**
 * append.batch1 / append.batch100: events per second through the PostgreSQL event store adapter
 * (serialized append transaction, idempotency and version checks, hash chain, multi-row INSERT)
 * against a raw baseline writing the same rows into an equivalent plain table with plain `pg`:
 * one autocommit INSERT per event for batch1, one multi-row INSERT per 100 events for batch100.
 *
 * Database: BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test. Work size:
 * BENCH_APPEND_EVENTS (default 2000 events per batch1 run, 50x that for batch100). Measured by the
 * shared harness (support/paired.ts): warm-up, then alternating adapter/baseline pairs. Both paths use
 * one connection, one writer, on the same server, in turn.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createPostgresEventStore, dropEventStoreSchema, NewEvent, PostgresEventStore } from '@recon/event-store';
import { BenchResult, round } from './support/measure';
import { measuredFields, paired, PairedMeasurement } from './support/paired';

function payload(i: number): Pick<NewEvent, 'type' | 'schemaVersion' | 'data' | 'metadata'> {
  return {
    type: 'CustodyPositionReported',
    schemaVersion: 1,
    data: { custodian: 'BNYM', account: `ACC-${i % 50}`, assetId: `asset-${i % 20}`, quantity: `${1000 + i}.000000`, asOf: '2024-06-30' },
    metadata: { correlationId: randomUUID(), actor: 'bench', sourceDocument: `stmt-${i}` },
  };
}

class Baseline {
  private position = 0;
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async create(pool: Pool, schema: string): Promise<Baseline> {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const table = `"${schema}".plain_events`;
    await pool.query(`CREATE TABLE ${table} (
      global_position bigint PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL, event_id text NOT NULL UNIQUE,
      event_type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL, previous_hash text NOT NULL, hash text NOT NULL, UNIQUE (stream_id, stream_version))`);
    return new Baseline(pool, table);
  }

  /** One multi-row INSERT (or a single-row one) of the same columns the adapter writes. */
  async insert(streamId: string, fromVersion: number, events: readonly NewEvent[]): Promise<void> {
    const values: unknown[] = [];
    const rows = events.map((e, i) => {
      const base = values.length;
      this.position++;
      values.push(
        this.position,
        streamId,
        fromVersion + i,
        e.eventId,
        e.type,
        e.schemaVersion,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        new Date().toISOString(),
        FAKE_HASH,
        FAKE_HASH,
      );
      return `(${Array.from({ length: 11 }, (_, k) => `$${base + k + 1}`).join(',')})`;
    });
    await this.pool.query(
      `INSERT INTO ${this.table} (global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata,
         recorded_at, previous_hash, hash) VALUES ${rows.join(',')}`,
      values,
    );
  }
}

const FAKE_HASH = 'f'.repeat(64);

async function measure(
  bench: string,
  batch: number,
  events: number,
  store: PostgresEventStore,
  baseline: Baseline,
): Promise<PairedMeasurement> {
  let pass = 0;
  const makeWork = (append: (stream: string, version: number, batchEvents: NewEvent[]) => Promise<unknown>) => async () => {
    pass++;
    const streams = 20;
    const versions = new Array<number>(streams).fill(-1);
    for (let done = 0, k = 0; done < events; done += batch, k++) {
      const s = k % streams;
      const batchEvents = Array.from({ length: batch }, (_, i) => ({ eventId: randomUUID(), ...payload(done + i) }));
      await append(`custody-b${batch}-r${pass}-${s}`, versions[s], batchEvents);
      versions[s] += batch;
    }
    return events;
  };
  return paired({
    name: bench,
    value: makeWork((stream, version, batchEvents) => store.appendToStream(stream, batchEvents, version === -1 ? 'no_stream' : version)),
    baseline: makeWork((stream, version, batchEvents) => baseline.insert(stream, version + 1, batchEvents)),
  });
}

export async function run(): Promise<BenchResult[]> {
  const connectionString = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const n1 = Number(process.env.BENCH_APPEND_EVENTS ?? 2000);
  const n100 = n1 * 50;
  const schema = `bench_append_${process.pid}`;
  const plainSchema = `bench_plain_${process.pid}`;
  const pool = new Pool({ connectionString, max: 1 });
  const results: BenchResult[] = [];
  try {
    await dropEventStoreSchema(pool, schema);
    await dropEventStoreSchema(pool, plainSchema);
    // LISTEN off: the pool has one connection and nothing subscribes; NOTIFY stays on as in production.
    const store = await createPostgresEventStore({ pool, schema, listen: false });
    const baseline = await Baseline.create(pool, plainSchema);
    for (const [bench, batch, n, target] of [
      ['append.batch1', 1, n1, undefined],
      ['append.batch100', 100, n100, 0.5],
    ] as const) {
      console.error(`${bench}: ${n} events per run`);
      const m = await measure(bench, batch, n, store, baseline);
      results.push({
        bench,
        unit: 'events/s',
        ...measuredFields(m),
        ...(target !== undefined ? { target } : {}),
        n,
        peakRssMb: round(process.memoryUsage().rss / 1024 / 1024, 1),
      });
    }
    await store.close();
  } finally {
    await dropEventStoreSchema(pool, schema).catch(() => undefined);
    await dropEventStoreSchema(pool, plainSchema).catch(() => undefined);
    await pool.end();
  }
  return results;
}
