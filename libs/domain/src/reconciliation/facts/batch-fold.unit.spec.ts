import { randomBatches } from '../../testing/seeded-random';
import { FactEvent, FactsDocument } from './documents';
import { foldFacts } from './evolve-facts';
import { factKeysOf } from './fact-keys';
import { brokenBusyAssetEvents } from './testing/busy-asset';
import { executed, reversed, settled } from './testing/events';
import { interleaving, seededRandom, withRedeliveries } from './testing/interleave';
import { factsOf, project } from './testing/projector';

/** The projector's way: each batch's facts grouped per document and folded with foldFacts, batch after batch. */
function projectInBatches(batches: ReadonlyArray<readonly FactEvent[]>): Map<string, FactsDocument> {
  const docs = new Map<string, FactsDocument>();
  for (const batch of batches) {
    const byKey = new Map<string, FactEvent[]>();
    for (const fact of batch) for (const key of factKeysOf(fact.event)) byKey.set(key, [...(byKey.get(key) ?? []), fact]);
    for (const [key, facts] of byKey) docs.set(key, foldFacts(key, docs.get(key), facts));
  }
  return docs;
}

describe('Folding a batch of facts at once', () => {
  const events = brokenBusyAssetEvents();
  const streams = new Map(events.map((e) => [e.eventId, e.stream]));
  const facts = factsOf(events);

  describe('Given the busy asset with January history (retention drops and compacts part of it)', () => {
    it('should leave every document as folding the events one by one, in one batch or in random batches', () => {
      const oneByOne = project(facts);
      expect(projectInBatches([facts])).toEqual(oneByOne);
      for (const largest of [2, 5, 17]) expect(projectInBatches(randomBatches(facts, seededRandom(largest), largest))).toEqual(oneByOne);
    });
  });

  describe('When the streams interleave and some events arrive twice, split into random batches', () => {
    it.each(Array.from({ length: 40 }, (_, seed) => seed))('should still equal the one-by-one fold (seed %i)', (seed) => {
      const random = seededRandom(5000 + seed);
      const delivered = withRedeliveries(interleaving(facts, (fact) => streams.get(fact.eventId) ?? '', random), random);
      expect(projectInBatches(randomBatches(delivered, random, 1 + (seed % 12)))).toEqual(project(delivered));
    });
  });

  describe('When the batch only repeats events the document already holds', () => {
    it('should return the document unchanged', () => {
      const docs = project(facts);
      const asset = docs.get('asset:aapl')!;
      expect(foldFacts('asset:aapl', asset, facts.slice(-5).filter((fact) => factKeysOf(fact.event).includes('asset:aapl')))).toBe(asset);
    });
  });

  describe('When a confirmation the custodian cancelled is among them (SettlementReversed), and the trade settles again', () => {
    const withReversal = [
      ...events,
      executed('ev-t6', 't6', 'BUY', '20', '2025-03-12', '2025-03-13'),
      settled('ev-c6', 't6', 'BUY', 'c6', '20', '0', '2025-03-13T10:00:00Z'),
      reversed('ev-c6-canc', 't6', 'BUY', 'c6', '20', '0', '20'),
      settled('ev-c7', 't6', 'BUY', 'c7', '20', '0', '2025-03-13T12:00:00Z'),
    ];
    const reversalStreams = new Map(withReversal.map((e) => [e.eventId, e.stream]));
    const reversalFacts = factsOf(withReversal);
    it.each(Array.from({ length: 20 }, (_, seed) => seed))('should still equal the one-by-one fold, with the cancelled confirmation gone (seed %i)', (seed) => {
      const random = seededRandom(9000 + seed);
      const delivered = withRedeliveries(interleaving(reversalFacts, (fact) => reversalStreams.get(fact.eventId) ?? '', random), random);
      const folded = projectInBatches(randomBatches(delivered, random, 1 + (seed % 7)));
      expect(folded).toEqual(project(delivered));
      expect(folded.get('asset:aapl')).toMatchObject({ trades: { t6: { confirmations: [expect.objectContaining({ confirmationId: 'c7' })], reversed: ['c6'] } } });
    });
  });
});
