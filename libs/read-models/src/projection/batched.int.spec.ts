import type { RecordedEvent } from '@recon/event-store';
import { dumpReadModels, TableDump } from './tables';
import { useProjectionSchema } from './testing/projection-schema';
import { randomProjectionEvents, randomSplit } from './testing/random-events';

jest.setTimeout(180_000);

const db = useProjectionSchema('batched');

/** Applies the batches in order, one transaction each (as the Kafka sink and the embedded runner do), and dumps the tables. */
async function project(batches: ReadonlyArray<readonly RecordedEvent[]>): Promise<TableDump> {
  await db.project(batches);
  return dumpReadModels(db.dataSource, db.schema);
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
  await db.dataSource.transaction(async (manager) => {
    await db.projection.lock(manager);
    const result = await db.projection.applyEvents(manager, [...events].reverse());
    expect(result.applied).toBe(0);
  });
  expect(await dumpReadModels(db.dataSource, db.schema)).toEqual(once);
});
