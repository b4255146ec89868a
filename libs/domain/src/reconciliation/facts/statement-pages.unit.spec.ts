import { POLICY, SAFE_1 } from '../testing/scenarios';
import { reconcileAsset } from '../testing/with-test-ids';
import { conflictingDuplicatesOf } from './account-snapshot';
import { AccountFacts } from './documents';
import { APPLE, conflicting, deployed, linked, MSFT, pageCancelled, registered, statement, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';

/**
 * An account's holdings from statements sent as SWIFT sends them (MT535 28E): a statement is its
 * pages 1..LAST, which arrive in any order, twice, or hours apart, and a CANC may withdraw one page.
 */
type Page = Parameters<typeof statement>[1];
const KEY_12 = 'HOLDINGS|bank|SAFE-1|2025-03-12|CUST|SETT';
const KEY_13 = 'HOLDINGS|bank|SAFE-1|2025-03-13|CUST|SETT';
const page = (eventId: string, fields: Omit<Page, 'account'>, receivedAt = '2025-03-14T06:00:00Z') =>
  statement(eventId, { account: 'SAFE-1', messageReference: `${fields.statementReference}-P${fields.page ?? 1}`, ...fields }, receivedAt);
const apple = (quantity: string) => [{ isin: APPLE, quantity }];
const docsAfter = (...events: StreamEvent[]) => project(factsOf([registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), ...events]));
const snapshotAfter = (...events: StreamEvent[]) => snapshotFrom(docsAfter(...events));
const accountAfter = (...events: StreamEvent[]) => docsAfter(...events).get('account:bank/SAFE-1') as AccountFacts;
/** POLICY.now is 09:30 on the 14th; the missing-page window (2 hours) runs from the first page. */
const findingsAfter = (...events: StreamEvent[]) => reconcileAsset(snapshotAfter(...events), POLICY);
const missingPageReasons = (...events: StreamEvent[]) => findingsAfter(...events).filter((f) => f.subject.startsWith('statement:')).map((f) => [f.reason, f.figures]);

/** The complete statement of the 12th: 10 Apple shares, one page. */
const COMPLETE_12 = page('e1', { statementReference: KEY_12, asOf: '2025-03-12', positions: apple('10') }, '2025-03-13T06:00:00Z');
const p1 = page('e2', { statementReference: KEY_13, asOf: '2025-03-13', page: 1, lastPage: false, positions: apple('4') });
const p2 = page('e3', { statementReference: KEY_13, asOf: '2025-03-13', page: 2, lastPage: false, positions: apple('5') });
const p3 = page('e4', { statementReference: KEY_13, asOf: '2025-03-13', page: 3, lastPage: true, positions: apple('3') });

describe('Reading holdings from statements of several pages', () => {
  describe('Given the complete statement of the 12th', () => {
    describe('When only pages 1 and 3 of 3 of the 13th have arrived', () => {
      it('should keep the complete statement of the 12th as the holdings: an incomplete statement never replaces it', () =>
        expect(snapshotAfter(COMPLETE_12, p1, p3).positions).toEqual([{ ...SAFE_1, quantity: '10', statementDate: '2025-03-12', statementReference: KEY_12, basis: 'SETTLED', eventIds: ['e1'] }]));
      it('should name the missing page once the window has passed', () =>
        expect(missingPageReasons(COMPLETE_12, p1, p3)).toEqual([[
          `bank/SAFE-1 statement ${KEY_13} of 2025-03-13: page(s) 2 of 3 missing`,
          { pagesReceived: '2', expectedPages: '3', missingPages: '1', missingPage2: '2' },
        ]]));
    });

    describe('When page 3 (LAST) is all that has come', () => {
      it('should name pages 1 and 2 as missing, the last page being known', () =>
        expect(missingPageReasons(COMPLETE_12, p3)).toEqual([[`bank/SAFE-1 statement ${KEY_13} of 2025-03-13: page(s) 1, 2 of 3 missing`, { pagesReceived: '1', expectedPages: '3', missingPages: '2', missingPage1: '1', missingPage2: '2' }]]));
    });

    describe('When only page 2 (MORE) has come, so the last is unknown', () => {
      it('should name page 1 as missing and say that the last page has not arrived', () =>
        expect(missingPageReasons(COMPLETE_12, p2)).toEqual([[`bank/SAFE-1 statement ${KEY_13} of 2025-03-13: page(s) 1 missing and the last page has not arrived`, { pagesReceived: '1', missingPage1: '1' }]]));
    });

    describe('When all three pages arrive out of order (3, 1, 2)', () => {
      it('should count the statement of the 13th, summed over its pages, and raise no missing page', () => {
        expect(snapshotAfter(COMPLETE_12, p3, p1, p2).positions[0]).toMatchObject({ quantity: '12', statementReference: KEY_13, eventIds: ['e2', 'e3', 'e4'] });
        expect(missingPageReasons(COMPLETE_12, p3, p1, p2)).toEqual([]);
      });
    });

    describe('When the statement of the 13th was complete and a CANC withdrew its page 1', () => {
      const withdrawn = [COMPLETE_12, p1, p2, p3, pageCancelled('e5', 'SAFE-1', KEY_13, 1)];
      it('should go back to the holdings of the 12th', () =>
        expect(snapshotAfter(...withdrawn).positions[0]).toMatchObject({ quantity: '10', statementDate: '2025-03-12', statementReference: KEY_12 }));
      it('should hold the statement of the 13th as incomplete again, missing page 1', () =>
        expect(missingPageReasons(...withdrawn)).toEqual([[`bank/SAFE-1 statement ${KEY_13} of 2025-03-13: page(s) 1 of 3 missing`, { pagesReceived: '2', expectedPages: '3', missingPages: '1', missingPage1: '1' }]]));
      it('should count the statement again once a replacement page 1 arrives', () => {
        const replacement = page('e6', { statementReference: KEY_13, asOf: '2025-03-13', page: 1, lastPage: false, messageReference: 'R1', positions: apple('1') });
        expect(snapshotAfter(...withdrawn, replacement).positions[0]).toMatchObject({ quantity: '9', statementReference: KEY_13, eventIds: ['e6', 'e3', 'e4'] });
      });
    });
  });

  describe('Given a page delivered again with other holdings for some instruments only', () => {
    const first = page('e1', { statementReference: KEY_13, asOf: '2025-03-13', positions: [{ isin: APPLE, quantity: '10' }, { isin: MSFT, quantity: '7' }] });
    const redelivered = conflicting('e2', { statementReference: KEY_13, asOf: '2025-03-13', account: 'SAFE-1', statementId: 'bank-' + KEY_13 + '-1', positions: [{ isin: APPLE, quantity: '12' }, { isin: MSFT, quantity: '7' }] }, '2025-03-14T07:00:00Z');

    it('should raise one conflicting duplicate for the instrument that changed, with the first-received and redelivered quantities', () => {
      const breaks = findingsAfter(first, redelivered).filter((f) => f.breakType === 'conflicting-duplicate');
      expect(breaks.map((f) => f.figures)).toEqual([{ original: '10', conflicting: '12', difference: '2', versions: '1' }]);
    });
    it('should raise nothing for the instrument that did not change', () => expect(conflictingDuplicatesOf(accountAfter(first, redelivered), MSFT)).toEqual([]));
    it('should keep the first delivery counting', () => expect(snapshotAfter(first, redelivered).positions[0]).toMatchObject({ quantity: '10', eventIds: ['e1'] }));
  });

  describe('Given a page of a statement still missing pages delivered again with other holdings', () => {
    const redelivered = conflicting('e5', { statementReference: KEY_13, asOf: '2025-03-13', account: 'SAFE-1', statementId: `bank-${KEY_13}-1`, page: 1, lastPage: false, positions: apple('6') }, '2025-03-14T07:00:00Z');
    it('should raise the conflicting duplicate against the page it redelivers, though the statement does not count yet', () =>
      expect(conflictingDuplicatesOf(accountAfter(COMPLETE_12, p1, redelivered), APPLE)).toMatchObject([{ originalQuantity: '4', conflictingQuantity: '6', statementReference: KEY_13, page: 1 }]));
  });
});
