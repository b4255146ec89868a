import type { RecordedEvent } from '@recon/event-store';
import type { DataSource } from 'typeorm';
import { dropReadModelSchema, openReadModels } from '../schema/data-source';
import { ReadModelProjection } from './read-model-projection';
import { dumpReadModels, PROJECTION_TABLES, TableDump } from './tables';
import { randomProjectionEvents, randomSplit } from './testing/random-events';

jest.setTimeout(180_000);

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const schema = `batched_${process.pid}`;
let dataSource: DataSource;
let projection: ReadModelProjection;

beforeAll(async () => {
  dataSource = await openReadModels({ url: DATABASE_URL, schema, poolSize: 2 });
  projection = new ReadModelProjection(schema);
});

afterAll(async () => {
  await dropReadModelSchema(dataSource, schema);
  await dataSource.destroy();
});

/** Applies the batches in order, one transaction each (as the Kafka sink and the embedded runner do), and dumps the tables. */
async function project(batches: ReadonlyArray<readonly RecordedEvent[]>): Promise<TableDump> {
  await dataSource.query(`TRUNCATE ${PROJECTION_TABLES.map(({ table }) => `"${schema}".${table}`).join(', ')}`);
  for (const batch of batches) {
    await dataSource.transaction(async (manager) => {
      await projection.lock(manager);
      await projection.applyEvents(manager, batch);
    });
  }
  return dumpReadModels(dataSource, schema);
}

const seedsWithUnmappedLines: number[] = [];

test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('seed %i: any split into batches ends in the rows of applying the events one by one', async (seed) => {
  const events = randomProjectionEvents(seed, 400);
  const oneByOne = await project(events.map((event) => [event]));
  // The generator must reach the corners it is meant to, or the comparison proves little.
  if (oneByOne.custody_positions!.some((row) => row.asset_id === null)) seedsWithUnmappedLines.push(seed);
  expect(oneByOne.custody_positions!.length).toBeGreaterThan(0);
  expect(oneByOne.pending_settlements!.length).toBeGreaterThan(10);
  expect(oneByOne.collateralization!.length).toBeGreaterThan(0);
  expect(await project([events])).toEqual(oneByOne);
  for (const largest of [7, 60, 250]) {
    expect(await project(randomSplit(events, seed * 31 + largest, largest))).toEqual(oneByOne);
  }
});

test('the seeds ended with custody lines of an ISIN no asset has', () => {
  expect(seedsWithUnmappedLines.length).toBeGreaterThan(3);
});

test('a batch that repeats already-processed events changes nothing', async () => {
  const events = randomProjectionEvents(99, 300);
  const once = await project([events]);
  await dataSource.transaction(async (manager) => {
    await projection.lock(manager);
    const result = await projection.applyEvents(manager, [...events].reverse());
    expect(result.applied).toBe(0);
  });
  expect(await dumpReadModels(dataSource, schema)).toEqual(once);
});
