import { Pool } from 'pg';
import { createPostgresEventStore, RecordedEvent } from '@recon/event-store';
import { openReadModels, PROJECTION_TABLES, ReadModelKafkaSink, ReadModelProjection } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import { readAllEvents } from '../apps/projector/test/support/harness';
import { BenchResult } from './support/measure';
import { measuredFields, paired, Timed } from './support/paired';
import { appendWorkload } from './support/workload';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const N = Number(process.env.BENCH_PROJECTOR_EVENTS ?? 10_000);
/** Events per transaction: by default about what one kafkajs batch holds under load (1 MiB per partition, ~1,100 events of this mix). */
const BATCH = Number(process.env.BENCH_PROJECTOR_BATCH ?? 1000);
const INSERT_ROWS = 500;

/**
 * projector.write: 10,000 events (BENCH_PROJECTOR_EVENTS) of the projector tests' mix through
 * ReadModelKafkaSink.handleBatch, the code a Kafka batch runs (lock, offsets, dedupe by event id,
 * set-based writes of the read models, exception queue, collateralization refresh), in transactions of
 * BENCH_PROJECTOR_BATCH events (default 1000, about one kafkajs batch under load), without the broker and
 * without the continuous reconciler (the projector service runs it too: pipeline.e2e and
 * projector.memory include it). Baseline: the same final rows (every projection table) written with
 * one multi-row INSERT per table and 500 rows per statement, in one transaction. Measured by the
 * shared harness (support/paired.ts): warm-up, then alternating pairs.
 */
export async function run(): Promise<BenchResult[]> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const tag = `bench_${process.pid}`;
  const es = `${tag}_es`;
  const schemas = [es];
  try {
    const store = await createPostgresEventStore({ pool, schema: es, listen: false, notify: false });
    await appendWorkload(store, N, tag);
    const events = await readAllEvents(store);
    let rows: Record<string, Array<Record<string, unknown>>> | undefined;
    const project = async (run: number): Promise<Timed> => {
      const schema = `${tag}_rm${run}`;
      schemas.push(schema);
      const dataSource = await openReadModels({ url: DATABASE_URL, schema, poolSize: 2 });
      try {
        const sink = new ReadModelKafkaSink(dataSource, new ReadModelProjection(schema));
        const started = process.hrtime.bigint();
        for (let i = 0; i < events.length; i += BATCH) {
          const messages = events.slice(i, i + BATCH).map((event: RecordedEvent, j) => ({ offset: String(i + j), event }));
          await sink.handleBatch({ groupId: 'bench', topic: 'bench', partition: 0, messages });
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // The baseline writes the rows the projection produced (the same every run; taken from the warm-up).
        rows ??= await resultingRows(dataSource, schema);
        return { units: events.length, seconds };
      } finally {
        await dataSource.destroy();
      }
    };
    const insertRows = async (run: number): Promise<Timed> => {
      const baseline = `${tag}_raw${run}`;
      schemas.push(baseline);
      const raw = await openReadModels({ url: DATABASE_URL, schema: baseline, poolSize: 2 });
      try {
        const started = process.hrtime.bigint();
        await raw.transaction(async (manager) => {
          for (const { table } of PROJECTION_TABLES) {
            const tableRows = rows![table] ?? [];
            for (let i = 0; i < tableRows.length; i += INSERT_ROWS) {
              const slice = tableRows.slice(i, i + INSERT_ROWS);
              const columns = Object.keys(slice[0]!);
              const params: unknown[] = [];
              const values = slice.map((row) => `(${columns.map((c) => `$${params.push(asParameter(row[c]))}`).join(', ')})`);
              await manager.query(`INSERT INTO "${baseline}".${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
            }
          }
        });
        return { units: events.length, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
      } finally {
        await raw.destroy();
      }
    };
    // Each side reports its timed phase only (schema creation and the row read-back are outside it).
    const m = await paired({ name: 'projector.write', value: project, baseline: insertRows });
    return [{ bench: 'projector.write', unit: 'events/s', ...measuredFields(m), n: events.length,
      batch: BATCH, note: `projection transactions of ${BATCH} events (no broker, no reconciler) vs multi-row INSERT of the resulting rows` }];
  } finally {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

/** Every row of every projection table, as pg returns them. */
async function resultingRows(dataSource: DataSource, schema: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const rows: Record<string, Array<Record<string, unknown>>> = {};
  for (const { table } of PROJECTION_TABLES) rows[table] = await dataSource.query(`SELECT * FROM "${schema}".${table}`);
  return rows;
}

/** jsonb comes back parsed; it goes in as JSON text. */
const asParameter = (value: unknown): unknown => (value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value);

if (require.main === module) {
  run().then((lines) => lines.forEach((line) => console.log(JSON.stringify(line))), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
