import { POLICY, SAFE_1, TOKEN } from '../testing/scenarios';
import { APPLE, conflicting, deployed, linked, onChain, registered, requested, statement, statementCancelled, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

type Page = Parameters<typeof statement>[1];
const page = (eventId: string, fields: Omit<Page, 'account'>, receivedAt = '2025-03-14T06:00:00Z') => statement(eventId, { account: 'SAFE-1', ...fields }, receivedAt);
const apple = (quantity: string) => [{ isin: APPLE, quantity }];
const cancel = (eventId: string, reference: string) => statementCancelled(eventId, 'SAFE-1', reference);
/** Ten tokens minted on chain 1, on request: ten shares required. */
const TEN_MINTED = [requested('ev-r1', 'mint', 'r1', 1, 10n * TOKEN, '2025-03-10T09:00:00Z'), onChain('ev-m1', 'mint', 'r1', 1, 10n * TOKEN, 100, '2025-03-10T10:00:00Z')];
const snapshotAfter = (...events: StreamEvent[]) =>
  snapshotFrom(project(factsOf([registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), ...TEN_MINTED, ...events])));
/** Break types with the figure that matters to each here; the statement of the 13th is due (POLICY.now is the 14th). */
const breaksAfter = (...events: StreamEvent[]) =>
  reconcileAsset(snapshotAfter(...events), POLICY).map((f) => [f.breakType, f.figures['held'] ?? f.figures['conflicting'] ?? f.reason]);
const STATEMENT_OF_13TH_MISSING = ['stale-missing-statement', 'bank/SAFE-1: the statement of 2025-03-13 was due at 2025-03-14T07:00:00.000Z; the latest is of 2025-03-12'];

const held10On12 = page('e1', { statementReference: 'A', asOf: '2025-03-12', positions: apple('10') });
const held0On13 = page('e2', { statementReference: 'B', asOf: '2025-03-13', positions: apple('0') });
const held10On13 = page('e2', { statementReference: 'B', asOf: '2025-03-13', positions: apple('10') });

describe('Reconciling a cancelled statement (23G CANC)', () => {
  describe('Given a statement that made the asset short', () => {
    it('should raise under-collateralized before the cancellation', () => expect(breaksAfter(held10On12, held0On13)).toEqual([['under-collateralized', '0']]));

    describe('When it is cancelled', () => {
      it('should count the statement before it again, with its evidence, and the break clears; the statement of the day is missing again', () => {
        expect(snapshotAfter(held10On12, held0On13, cancel('e3', 'B')).positions).toEqual([
          { ...SAFE_1, quantity: '10', statementDate: '2025-03-12', statementReference: 'A', basis: 'SETTLED', eventIds: ['e1'] },
        ]);
        expect(breaksAfter(held10On12, held0On13, cancel('e3', 'B'))).toEqual([STATEMENT_OF_13TH_MISSING]);
      });
      it('should change nothing when the cancellation is delivered again', () =>
        expect(snapshotAfter(held10On12, held0On13, cancel('e3', 'B'), cancel('e3', 'B')).positions[0]).toMatchObject({ quantity: '10', statementReference: 'A' }));
    });
  });

  describe('Given a statement that hid a short position', () => {
    const held0On12 = page('e1', { statementReference: 'A', asOf: '2025-03-12', positions: apple('0') });
    it('should show no break while it counts', () => expect(breaksAfter(held0On12, held10On13)).toEqual([]));
    it('should bring the break back when it is cancelled', () => expect(breaksAfter(held0On12, held10On13, cancel('e3', 'B'))).toEqual([['under-collateralized', '0'], STATEMENT_OF_13TH_MISSING]));
  });

  describe('Given a correction of the same date that replaced a statement', () => {
    const first = page('e1', { statementReference: 'A', asOf: '2025-03-13', positions: apple('10') });
    const correction = page('e2', { statementReference: 'A2', asOf: '2025-03-13', positions: apple('4') });
    it('should count the replaced statement again once the correction is cancelled', () =>
      expect(snapshotAfter(first, correction, cancel('e3', 'A2')).positions[0]).toMatchObject({ quantity: '10', statementReference: 'A', eventIds: ['e1'] }));
  });

  describe('Given delta statements', () => {
    it('should restore the holdings the cancelled delta was built on', () =>
      expect(snapshotAfter(
        page('e1', { statementReference: 'A', asOf: '2025-03-11', positions: apple('7') }),
        page('e2', { statementReference: 'B', asOf: '2025-03-12', completeness: 'DELTA', positions: apple('3') }),
        page('e3', { statementReference: 'C', asOf: '2025-03-13', completeness: 'DELTA', positions: apple('-10') }),
        cancel('e4', 'C'),
      ).positions[0]).toMatchObject({ quantity: '10', statementReference: 'B', statementDate: '2025-03-12' }));
  });

  describe('Given the only statement of the account', () => {
    it('should leave the account without a position', () => expect(snapshotAfter(held10On13, cancel('e3', 'B')).positions).toEqual([]));
  });

  describe('Given a statement that is no longer current', () => {
    it('should leave the current one counting', () =>
      expect(snapshotAfter(held10On12, held0On13, cancel('e3', 'A')).positions[0]).toMatchObject({ quantity: '0', statementReference: 'B' }));
    it('should not restore the cancelled one when the current is cancelled next', () =>
      expect(snapshotAfter(held10On12, held0On13, cancel('e3', 'A'), cancel('e4', 'B')).positions).toEqual([]));
  });

  describe('Given a conflicting delivery of the cancelled statement', () => {
    const conflict = conflicting('e3', { account: 'SAFE-1', statementReference: 'B', asOf: '2025-03-13', positions: apple('12') }, '2025-03-14T07:00:00Z');
    it('should raise a conflicting-duplicate break while the statement counts', () =>
      expect(breaksAfter(held10On12, held10On13, conflict)).toEqual([['conflicting-duplicate', '12']]));
    it('should clear it with the cancellation', () => expect(breaksAfter(held10On12, held10On13, conflict, cancel('e4', 'B'))).toEqual([STATEMENT_OF_13TH_MISSING]));
  });

  describe('Given a superseded statement still missing a page', () => {
    const partial = page('e1', { statementReference: 'A', asOf: '2025-03-12', page: 1, lastPage: false, positions: apple('10') }, '2025-03-13T06:00:00Z');
    it('should wait for its pages no longer once it is cancelled', () => {
      expect(snapshotAfter(partial, held10On13).statements.pages).toHaveLength(1);
      expect(snapshotAfter(partial, held10On13, cancel('e3', 'A')).statements.pages).toEqual([]);
    });
  });
});
