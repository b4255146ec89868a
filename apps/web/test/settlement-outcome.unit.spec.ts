import { settlementText } from '../src/screens/settlement-outcome';

describe('settlementText', () => {
  it('should say which trade a confirmation settled, how it was found and how many shares', () =>
    expect(settlementText({ messageReference: 'CONF-545-0001', kind: 'confirmation', tradeId: 'T-1', matchedBy: 'account-owner-reference', quantity: '250.5', outcome: 'recorded' }))
      .toBe('CONF-545-0001: Trade T-1 (found by its account owner reference (RELA)): 250.5 share(s) settled; recorded.'));
  it('should name the reason code of a failing status', () =>
    expect(settlementText({ messageReference: 'STAT-548-0001', kind: 'failing', tradeId: 'T-1', matchedBy: 'keys', status: 'SETT//PENF', reasonCode: 'CLAC', outcome: 'recorded' }))
      .toBe('STAT-548-0001: Trade T-1 (found by ISIN, side, quantity and settlement date): settlement failing, reason CLAC; recorded.'));
  it('should say a pending status was shown only', () =>
    expect(settlementText({ messageReference: 'STAT-548-0002', kind: 'pending', tradeId: 'T-1', matchedBy: 'keys', reasonCode: 'LACK', outcome: 'not-recorded' }))
      .toBe('STAT-548-0002: Trade T-1 (found by ISIN, side, quantity and settlement date): settlement pending, reason LACK; shown only, nothing recorded.'));
});
