import { POLICY } from '../testing/scenarios';
import { busyAssetEvents } from './testing/busy-asset';
import { APPLE, conflictingTransactions, postedOn, statement, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

const breaksAfter = (events: readonly StreamEvent[]) =>
  reconcileAsset(snapshotFrom(project(factsOf(events))), POLICY).map((f) => [f.breakType, f.subject, f.figures, f.evidenceEventIds]);

/** The busy asset, its SAFE-1 movements m1 (+60) and m2 (-25) posted on the statement of transactions TX-0313. */
const postedOnTx = () => busyAssetEvents().map((e) => (e.eventId === 'ev-m1' || e.eventId === 'ev-m2' ? postedOn('TX-0313', e) : e));
const resent = conflictingTransactions('ev-tx-dup', 'SAFE-1', 'TX-0313', [['m1', '60', '2025-03-12T15:00:00Z'], ['m2', '-30', '2025-03-13T10:00:00Z']], '2025-03-14T07:00:00Z');
const CONFLICT = [
  'conflicting-duplicate', 'duplicate:transactions:bank:SAFE-1:TX-0313:1',
  { original: '35', conflicting: '30', difference: '-5', versions: '1' }, ['ev-m1', 'ev-m2', 'ev-tx-dup'],
];

describe('Reconciling a conflicting statement of transactions', () => {
  describe('Given the movements of a statement of transactions, all explained', () => {
    it('should find nothing', () => expect(breaksAfter(postedOnTx())).toEqual([]));
  });

  describe('When the statement of transactions is delivered again with m2 at -30', () => {
    it('should raise a conflicting duplicate: net posted on the delivery that counts against the conflicting one, both as evidence', () =>
      expect(breaksAfter([...postedOnTx(), resent])).toEqual([CONFLICT]));
    it('should fold the same conflict event once', () => expect(breaksAfter([...postedOnTx(), resent, resent])).toEqual([CONFLICT]));
    it('should keep counting the movements first recorded: no unexpected movement appears', () =>
      expect(breaksAfter([...postedOnTx(), resent]).map(([breakType]) => breakType)).toEqual(['conflicting-duplicate']));
  });

  describe('When a later statement of holdings arrives', () => {
    const next = statement('ev-stmt-1-0314', { account: 'SAFE-1', statementReference: 'S1-0314', asOf: '2025-03-14', positions: [{ isin: APPLE, quantity: '790' }] }, '2025-03-14T07:30:00Z');
    it('should leave the conflicting statement of transactions open: holdings do not answer for postings', () =>
      expect(breaksAfter([...postedOnTx(), resent, next]).filter(([breakType]) => breakType === 'conflicting-duplicate')).toEqual([CONFLICT]));
  });
});
