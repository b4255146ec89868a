import { DomainError } from '../shared/decider';
import { specification } from '../testing/decider-specification';
import { APPLE_ISIN, meta, NOW } from '../testing/fixtures';
import { CustodyCommand, ReceiveStatement } from './commands';
import { custodyDecider } from './decider';
import { CustodyEvent, PositionSubBalance, StatementContent } from './events';

const { given } = specification(custodyDecider);
const LATER = '2025-03-14T18:00:00.000Z';

const PEND: PositionSubBalance = { code: 'PEND', quantity: '40.0', availability: 'NOT_AVAILABLE' };
const AWAS: PositionSubBalance = { code: 'AWAS', quantity: '960', availability: 'AVAILABLE' };

const receive = (subBalances: readonly PositionSubBalance[] | undefined, now = NOW, position: Partial<ReceiveStatement['data']['positions'][number]> = {}): CustodyCommand => ({
  type: 'ReceiveStatement',
  data: {
    statementId: 'bank-S1-1', custodian: 'bank', account: 'SAFE-1', statementReference: 'S1', page: 1, lastPage: true,
    asOf: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE',
    positions: [{ isin: APPLE_ISIN, quantity: '1000', available: '960', notAvailable: '40', ...(subBalances ? { subBalances } : {}), ...position }],
  },
  metadata: meta('file-drop', now),
});

const content = (subBalances?: readonly PositionSubBalance[]): StatementContent => ({
  statementId: 'bank-S1-1', custodian: 'bank', account: 'SAFE-1', statementReference: 'S1', page: 1, lastPage: true,
  asOf: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE',
  positions: [{ isin: APPLE_ISIN, quantity: '1000', available: '960', notAvailable: '40', ...(subBalances ? { subBalances } : {}) }],
});
const received = (subBalances?: readonly PositionSubBalance[]): CustodyEvent => ({ type: 'StatementReceived', data: { ...content(subBalances), receivedAt: NOW } });

function refusal(command: CustodyCommand): DomainError {
  try {
    custodyDecider.decide(command, custodyDecider.initialState());
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was accepted');
}

describe('Custody decider: sub-balances of a position', () => {
  describe('When nothing was received for the account', () => {
    it('should record every sub-balance in canonical order with normalized quantities', () =>
      given([]).when(receive([PEND, { code: 'BLOK', quantity: '-0', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'CEDELULL' }, AWAS])).then([
        received([AWAS, { code: 'BLOK', quantity: '0', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'CEDELULL' }, { ...PEND, quantity: '40' }]),
      ]));
    it('should keep the data source scheme of a proprietary code', () =>
      given([]).when(receive([{ code: 'XPND', quantity: '5', availability: 'NOT_AVAILABLE', dataSourceScheme: 'CUSTCHZZ' }])).then([
        received([{ code: 'XPND', quantity: '5', availability: 'NOT_AVAILABLE', dataSourceScheme: 'CUSTCHZZ' }]),
      ]));
    it('should record a position without sub-balances as before (an empty list is no breakdown)', () =>
      given([]).when(receive([])).then([received()]));
    it('should refuse an unknown availability, naming the field', () => {
      const error = refusal(receive([{ ...PEND, availability: 'PARTLY' as 'AVAILABLE' }]));
      expect(error.code).toBe('INVALID_FIELD');
      expect(error.message).toContain(`positions[${APPLE_ISIN}].subBalances[0].availability`);
    });
    it('should refuse a sub-balance quantity that is not a decimal, naming the field', () => {
      const error = refusal(receive([AWAS, { ...PEND, quantity: '40,5' }]));
      expect(error.code).toBe('INVALID_QUANTITY');
      expect(error.message).toContain(`positions[${APPLE_ISIN}].subBalances[1].quantity`);
    });
    it('should refuse a sub-balance without a code', () => given([]).when(receive([{ ...PEND, code: ' ' }])).thenThrows('INVALID_FIELD'));
    it('should refuse an empty place of safekeeping', () => given([]).when(receive([{ ...PEND, placeOfSafekeeping: '' }])).thenThrows('INVALID_FIELD'));
    it('should refuse the same type twice at the same place', () => given([]).when(receive([PEND, { ...PEND, quantity: '1' }])).thenThrows('DUPLICATE_SUB_BALANCE'));
    it('should take the same type at two places', () =>
      given([]).when(receive([{ ...PEND, placeOfSafekeeping: 'A' }, { ...PEND, placeOfSafekeeping: 'B' }])).then([
        received([{ code: 'PEND', quantity: '40', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'A' }, { code: 'PEND', quantity: '40', availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'B' }]),
      ]));
  });

  describe('When the page was recorded with its sub-balances', () => {
    const recorded = received([AWAS, { ...PEND, quantity: '40' }]);
    it('should record nothing for a redelivery differing only in sub-balances: the breakdown is no part of the fingerprint', () =>
      given([recorded]).when(receive([{ ...PEND, quantity: '39' }], LATER)).then([]));
    it('should record nothing for a redelivery without sub-balances', () => given([recorded]).when(receive(undefined, LATER)).then([]));
    it('should still flag a redelivery whose holding differs', () =>
      given([recorded]).when(receive([AWAS], LATER, { quantity: '999', available: '959' })).then([
        { type: 'ConflictingDuplicateDetected', data: { ...content([AWAS]), positions: [{ isin: APPLE_ISIN, quantity: '999', available: '959', notAvailable: '40', subBalances: [AWAS] }], detectedAt: LATER } },
      ]));
  });

  describe('When the page was recorded before sub-balances were kept', () => {
    it('should record nothing for the same page now read with its sub-balances', () => given([received()]).when(receive([PEND], LATER)).then([]));
  });
});
