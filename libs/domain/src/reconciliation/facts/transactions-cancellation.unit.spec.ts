import { POLICY } from '../testing/scenarios';
import { busyAssetEvents } from './testing/busy-asset';
import { conflictingTransactions, moved, postedOn, StreamEvent, transactionsCancelled } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

const breaksAfter = (events: readonly StreamEvent[]) => reconcileAsset(snapshotFrom(project(factsOf(events))), POLICY).map((f) => [f.breakType, f.subject]);

/** The busy asset, its SAFE-1 movements m1 (+60) and m2 (-25) explained and posted on TX-0313. */
const postedOnTx = () => busyAssetEvents().map((e) => (e.eventId === 'ev-m1' || e.eventId === 'ev-m2' ? postedOn('TX-0313', e) : e));
/** A receipt no settlement, trade or transfer explains, posted on the statement of transactions TX-0314. */
const unexplained = postedOn('TX-0314', moved('ev-m9', 'SAFE-1', 'm9', '7', '2025-03-11T09:00:00Z'));
const resent = conflictingTransactions('ev-tx-dup', 'SAFE-1', 'TX-0313', [['m1', '60', '2025-03-12T15:00:00Z'], ['m2', '-30', '2025-03-13T10:00:00Z']], '2025-03-14T07:00:00Z');

describe('Reconciling a cancelled statement of transactions (MT536 23G CANC)', () => {
  describe('Given a statement of transactions with a posting nothing explains', () => {
    it('should raise an unexpected custody movement', () => expect(breaksAfter([...postedOnTx(), unexplained]).map(([type]) => type)).toEqual(['unexpected-custody-movement']));

    describe('When it is cancelled', () => {
      const cancelled = [...postedOnTx(), unexplained, transactionsCancelled('ev-cancel', 'SAFE-1', 'TX-0314')];
      it('should stop counting its movements: the break clears', () => expect(breaksAfter(cancelled)).toEqual([]));
      it('should change nothing when the cancellation is delivered again', () => expect(breaksAfter([...cancelled, transactionsCancelled('ev-cancel', 'SAFE-1', 'TX-0314')])).toEqual([]));
      it('should keep counting the movements of other statements', () => {
        const doc = project(factsOf(cancelled));
        const account = [...doc.values()].find((d) => d.kind === 'account' && d.account === 'SAFE-1');
        expect(account?.kind === 'account' && Object.keys(account.movements).sort()).toEqual(expect.arrayContaining(['m1', 'm2']));
        expect(account?.kind === 'account' && account.movements['m9']).toBeUndefined();
      });
    });
  });

  describe('Given a statement of transactions delivered again with other postings', () => {
    it('should raise a conflicting duplicate before the cancellation', () => expect(breaksAfter([...postedOnTx(), resent])).toEqual([['conflicting-duplicate', 'duplicate:transactions:bank:SAFE-1:TX-0313:1']]));
    it('should clear the conflicting duplicate once it is cancelled; its movements no longer explain anything', () =>
      expect(breaksAfter([...postedOnTx(), resent, transactionsCancelled('ev-cancel', 'SAFE-1', 'TX-0313')]).map(([type]) => type)).not.toContain('conflicting-duplicate'));
  });

  describe('Given a cancellation of another reference', () => {
    it('should leave the break of the statement it does not name', () =>
      expect(breaksAfter([...postedOnTx(), unexplained, transactionsCancelled('ev-cancel', 'SAFE-1', 'TX-0313')]).map(([type]) => type)).toContain('unexpected-custody-movement'));
  });
});
