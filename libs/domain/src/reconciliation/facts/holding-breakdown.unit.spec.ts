import { PositionSubBalance } from '../../custody/events';
import { holdingsOfAccount } from './account-snapshot';
import { AccountFacts } from './documents';
import { APPLE, statement, StreamEvent } from './testing/events';
import { factsOf, project } from './testing/projector';

type Page = Parameters<typeof statement>[1];
const page = (eventId: string, fields: Omit<Page, 'account'>) => statement(eventId, { account: 'SAFE-1', ...fields }, '2025-03-14T06:00:00Z');
const PEND: PositionSubBalance = { code: 'PEND', quantity: '40', availability: 'NOT_AVAILABLE' };
const AWAS: PositionSubBalance = { code: 'AWAS', quantity: '960', availability: 'AVAILABLE' };

function holdingsAfter(...events: StreamEvent[]) {
  const doc = project(factsOf(events)).get('account:bank/SAFE-1') as AccountFacts;
  return holdingsOfAccount(doc);
}

describe('The breakdown of custody holdings in the facts fold', () => {
  describe('Given a complete statement whose line states its sub-balances', () => {
    const holdings = holdingsAfter(page('e1', {
      statementReference: 'S1', asOf: '2025-03-13', statementId: 'bank-S1-1',
      positions: [{ isin: APPLE, quantity: '1000', available: '960', notAvailable: '40', subBalances: [AWAS, PEND] }],
    }));
    it('should carry the breakdown, the page and the statement with the holding', () =>
      expect(holdings).toEqual({
        custodian: 'bank', account: 'SAFE-1', statementReference: 'S1', statementDate: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE', allPagesReceived: true,
        lines: [{ isin: APPLE, quantity: '1000', available: '960', notAvailable: '40', subBalances: [AWAS, PEND], eventIds: ['e1'], statementIds: ['bank-S1-1'] }],
      }));
  });

  describe('Given an ISIN on two pages (two sub-safekeeping accounts\' lines)', () => {
    const holdings = holdingsAfter(
      page('e1', { statementReference: 'S1', asOf: '2025-03-13', page: 1, lastPage: false, positions: [{ isin: APPLE, quantity: '100', available: '60', notAvailable: '40', subBalances: [PEND] }] }),
      page('e2', { statementReference: 'S1', asOf: '2025-03-13', page: 2, lastPage: true, positions: [{ isin: APPLE, quantity: '50.5', available: '40', notAvailable: '10.5', subBalances: [{ ...PEND, quantity: '10.5' }, AWAS] }] }),
    );
    it('should sum the holding, each figure and each sub-balance per code', () =>
      expect(holdings?.lines[0]).toMatchObject({
        quantity: '150.5', available: '100', notAvailable: '50.5', subBalances: [AWAS, { ...PEND, quantity: '50.5' }], statementIds: ['bank-S1-1', 'bank-S1-2'],
      }));
  });

  describe('Given pages of which one does not state the breakdown', () => {
    const holdings = holdingsAfter(
      page('e1', { statementReference: 'S1', asOf: '2025-03-13', page: 1, lastPage: false, positions: [{ isin: APPLE, quantity: '100', available: '60', notAvailable: '40', subBalances: [PEND] }] }),
      page('e2', { statementReference: 'S1', asOf: '2025-03-13', page: 2, lastPage: true, positions: [{ isin: APPLE, quantity: '50' }] }),
    );
    it('should leave the breakdown unknown rather than state a part as the whole', () => {
      expect(holdings?.lines[0]).toMatchObject({ quantity: '150', subBalances: [] });
      expect(holdings?.lines[0]).not.toHaveProperty('available');
      expect(holdings?.lines[0]).not.toHaveProperty('notAvailable');
    });
    it('should say every page arrived', () => expect(holdings?.allPagesReceived).toBe(true));
  });

  describe('Given page 1 of 2 only', () => {
    it('should give no holdings: a statement counts once all its pages are in (MT535 28E)', () =>
      expect(holdingsAfter(page('e1', { statementReference: 'S1', asOf: '2025-03-13', page: 1, lastPage: false, positions: [{ isin: APPLE, quantity: '100', subBalances: [PEND] }] }))).toBeUndefined());
  });

  describe('Given a delta statement on a holding whose breakdown no statement gave', () => {
    const holdings = holdingsAfter(
      page('e1', { statementReference: 'S1', asOf: '2025-03-12', positions: [{ isin: APPLE, quantity: '100' }] }),
      page('e2', { statementReference: 'S2', asOf: '2025-03-13', completeness: 'DELTA', positions: [{ isin: APPLE, quantity: '5', available: '5', notAvailable: '0', subBalances: [PEND] }] }),
    );
    it('should add to the holding and leave its breakdown unknown', () => {
      expect(holdings?.completeness).toBe('DELTA');
      expect(holdings?.lines[0]).toMatchObject({ quantity: '105', subBalances: [] });
      expect(holdings?.lines[0]).not.toHaveProperty('available');
    });
  });
});
