import { DomainError } from '../../shared/decider';
import { AnyDomainEvent } from '../../catalogue/domain-event';
import { FactsDocument } from './documents';
import { evolveFacts } from './evolve-facts';
import { assetsAffectedBy } from './assets-affected';
import { factKeysForSnapshot, factKeysOf } from './fact-keys';
import { busyAssetEvents } from './testing/busy-asset';
import { APPLE, deployed, linked, MSFT, registered, statement } from './testing/events';
import { factsOf, project } from './testing/projector';

const withoutTracking = ({ recentEventIds: _ids, latestRecordedAt: _at, ...facts }: FactsDocument) => facts;

describe('Folding events into facts documents', () => {
  describe('When asking which documents an event updates', () => {
    it('should update both the asset and the account for a link', () =>
      expect(factKeysOf(linked('e', 'SAFE-1').event)).toEqual(['asset:aapl', 'account:bank/SAFE-1']));
    it('should update the asset for its trade and issuance events', () =>
      expect(new Set(busyAssetEvents().filter((e) => /^(trade|issuance)-/.test(e.stream)).flatMap((e) => factKeysOf(e.event)))).toEqual(new Set(['asset:aapl'])));
    it('should update the account for its statements and movements', () =>
      expect(factKeysOf(statement('e', { account: 'SAFE-2', statementReference: 'S', asOf: '2025-03-13' }, '2025-03-14T06:00:00Z').event)).toEqual(['account:bank/SAFE-2']));
    it('should update nothing for an exception event', () => {
      const event = { type: 'ExceptionAssigned', data: { exceptionId: 'x', assignee: 'bob', assignedAt: '2025-03-14T09:00:00Z' } } as unknown as AnyDomainEvent;
      expect(factKeysOf(event)).toEqual([]);
    });
    it('should refuse to fold an event into a document it does not update', () => {
      const [fact] = factsOf([registered('e')]);
      expect(() => evolveFacts('account:bank/SAFE-1', undefined, fact!)).toThrow(DomainError);
    });
  });

  describe('Given the documents of the busy asset', () => {
    const facts = factsOf(busyAssetEvents());
    const docs = project(facts);

    it('should name the asset document and every linked account as what its snapshot reads', () =>
      expect(factKeysForSnapshot(docs.get('asset:aapl')!)).toEqual(['asset:aapl', 'account:bank/SAFE-1', 'account:bank/SAFE-2']));

    describe('When every event is delivered a second time', () => {
      it('should leave every document exactly as it was', () => expect(project(facts, project(facts))).toEqual(docs));
    });

    describe('When an event is delivered again after its id has left the recent window', () => {
      it.each(facts.map((fact) => [fact.eventId, fact] as const))('should change no fact for %s, whose fact is still kept', (_id, fact) => {
        for (const key of factKeysOf(fact.event)) {
          const doc = docs.get(key)!;
          expect(withoutTracking(evolveFacts(key, { ...doc, recentEventIds: [] }, fact))).toEqual(withoutTracking(doc));
        }
      });
    });
  });

  describe('When telling which assets a changed document affects', () => {
    const isins = new Map([[APPLE, 'aapl'], [MSFT, 'msft']]);
    it('should name nothing for an asset not registered yet, which cannot be reconciled', () => {
      const docs = project(factsOf([deployed('e1', 1, 18)]));
      expect(assetsAffectedBy('asset:aapl', docs.get('asset:aapl')!, isins)).toEqual([]);
    });
    it('should name the asset itself once registered', () => {
      const docs = project(factsOf([registered('e1')]));
      expect(assetsAffectedBy('asset:aapl', docs.get('asset:aapl')!, isins)).toEqual(['aapl']);
    });
    it('should name the linked assets and those whose ISIN is on the current statement, for an account', () => {
      const docs = project(factsOf([
        linked('e1', 'SAFE-1', 'spy'),
        statement('e2', { account: 'SAFE-1', statementReference: 'S', asOf: '2025-03-13', positions: [{ isin: MSFT, quantity: '1' }] }, '2025-03-14T06:00:00Z'),
      ]));
      expect(assetsAffectedBy('account:bank/SAFE-1', docs.get('account:bank/SAFE-1')!, isins)).toEqual(['msft', 'spy']);
    });
  });
});
