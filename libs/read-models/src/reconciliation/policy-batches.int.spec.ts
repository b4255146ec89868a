import { currentSchemaVersion, PolicyTerms } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import { dumpReadModels, TableDump } from '../projection/tables';
import { useProjectionSchema } from '../projection/testing/projection-schema';
import { randomProjectionEvents, randomSplit } from '../projection/testing/random-events';

jest.setTimeout(180_000);

const db = useProjectionSchema('policy_batches');

const terms = (tolerance: string, hours: number): PolicyTerms => ({
  tolerance, stalenessDefault: { hours }, windows: { settlement: { days: hours }, mintBurn: { hours }, missingPage: { hours } }, agedSettlementCriticalAfter: { days: hours },
});

/** Approvals on the policy's stream, in stream order, recorded at the times given (the random events' times interleave with them). */
function approvals(seed: number, at: readonly string[]): RecordedEvent[] {
  const policies = [terms('1000000', 48), terms('0', 1), terms('0.5', 12)];
  return at.map((recordedAt, i) => ({
    eventId: `${seed}-policy-${i}`, type: 'PolicyApproved', schemaVersion: currentSchemaVersion('PolicyApproved'),
    data: { proposalId: `P-${i}`, policy: policies[i % policies.length], maker: 'alice', checker: 'bob', approvedAt: recordedAt },
    metadata: { businessTime: recordedAt }, streamId: 'reconciliation-policy', streamVersion: i, globalPosition: 0n, recordedAt, hash: '', previousHash: '',
  }));
}

/** The approvals spread through the events at positions the seed picks, their own order kept. */
function withApprovals(seed: number, events: readonly RecordedEvent[], policy: readonly RecordedEvent[]): RecordedEvent[] {
  const all = [...events];
  policy.forEach((approval, i) => all.splice(Math.floor(((i + 1) * all.length) / (policy.length + 1)) + (seed % 7), 0, approval));
  return all.map((event, i) => ({ ...event, globalPosition: BigInt(i + 1) }));
}

async function project(batches: ReadonlyArray<readonly RecordedEvent[]>): Promise<TableDump> {
  await db.project(batches);
  return dumpReadModels(db.dataSource, db.schema);
}

test.each([1, 2, 3, 4])('seed %i: with policies approved along the way, any split into batches ends in the rows of applying the events one by one', async (seed) => {
  const events = randomProjectionEvents(seed, 300);
  const policy = approvals(seed, ['2025-02-01T00:00:00.000Z', '2025-02-20T00:00:00.000Z', '2025-03-10T00:00:00.000Z']);
  const all = withApprovals(seed, events, policy);
  const oneByOne = await project(all.map((event) => [event]));
  // The approvals must change how the book is judged, or the comparison proves nothing about them.
  const withoutPolicy = await project(events.map((event) => [event]));
  expect(oneByOne.reconciler_findings).not.toEqual(withoutPolicy.reconciler_findings);
  expect(oneByOne.reconciliation_facts!.some((row) => row.fact_key === 'policy:reconciliation')).toBe(true);
  expect(await project([all])).toEqual(oneByOne);
  for (const largest of [5, 40, 150]) {
    expect(await project(randomSplit(all, seed * 17 + largest, largest))).toEqual(oneByOne);
  }
});
