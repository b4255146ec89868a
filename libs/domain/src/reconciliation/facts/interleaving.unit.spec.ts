import { POLICY } from '../testing/scenarios';
import { brokenBusyAssetEvents } from './testing/busy-asset';
import { interleaving, seededRandom, withRedeliveries } from './testing/interleave';
import { factsOf, project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

const RUNS = 200;

describe('Folding facts whatever order the streams interleave in', () => {
  const events = brokenBusyAssetEvents();
  const streams = new Map(events.map((e) => [e.eventId, e.stream]));
  const streamOf = (fact: { eventId: string }) => streams.get(fact.eventId) ?? '';
  const facts = factsOf(events);
  const recorded = snapshotFrom(project(facts));
  const findings = reconcileAsset(recorded, POLICY);

  describe('Given the busy asset with January history and four breaks, delivered in the order recorded', () => {
    it('should find the four breaks, and none from the history retention dropped', () =>
      expect(findings.map((f) => `${f.breakType} ${f.subject}`)).toEqual([
        'failed-aged-settlement trade:t5',
        'stale-missing-statement statement:bank:SAFE-2:S2-0312',
        'unknown-instrument isin:bank:SAFE-2:US5949181045',
        'conflicting-duplicate duplicate:bank-S1-0313-1',
      ]));
  });

  describe(`When the same events arrive in ${RUNS} random interleavings that keep each stream in order`, () => {
    it.each(Array.from({ length: RUNS }, (_, seed) => seed))('should build the same snapshot and findings (seed %i)', (seed) => {
      const snapshot = snapshotFrom(project(interleaving(facts, streamOf, seededRandom(seed))));
      expect(snapshot).toEqual(recorded);
      expect(reconcileAsset(snapshot, POLICY)).toEqual(findings);
    });
  });

  describe('When some events are also delivered again, in random interleavings', () => {
    it.each(Array.from({ length: 50 }, (_, seed) => seed))('should build the same snapshot (seed %i)', (seed) => {
      const random = seededRandom(1000 + seed);
      expect(snapshotFrom(project(withRedeliveries(interleaving(facts, streamOf, random), random)))).toEqual(recorded);
    });
  });
});
