import { CustodyMovement } from '../matching/movement-matching';
import { POLICY, SAFE_1, with_, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const movement = (movedAt: string, quantity = '-10'): CustodyMovement => ({ ...SAFE_1, movementId: 'm7', quantity, movedAt, eventIds: ['ev-m7'] });
const sale = { tradeId: 't7', side: 'SELL' as const, quantity: '10', tradeDate: '2025-03-10', settlementDate: '2025-03-11', eventIds: ['ev-t7'], failures: [] };
const delivery = { confirmationId: 'c7', tradeId: 't7', side: 'SELL' as const, quantity: '10', settledAt: '2025-03-11T09:00:00Z', eventIds: ['ev-c7'] };

describe('Unexpected custody movement', () => {
  describe('When 10 shares left the account with nothing to explain it, past the window', () => {
    it('should raise it with the signed quantity', () =>
      expect(reconcileAsset(with_({ movements: [movement('2025-03-11T10:00:00Z')] }), POLICY)).toEqual([expectedFinding({
        breakType: 'unexpected-custody-movement',
        severity: 'high',
        subject: 'movement:bank:SAFE-1:m7',
        fault: 'custodian:bank',
        figures: { quantity: '-10', tolerance: '0.000001' },
        reason: 'bank/SAFE-1 moved -10 shares at 2025-03-11T10:00:00Z: no confirmation, trade or opposite transfer of 10 shares within the window',
        evidenceEventIds: ['ev-m7'],
      })]));
    it('should wait while the window is open', () => expect(reconcileAsset(with_({ movements: [movement('2025-03-13T10:00:00Z')] }), POLICY)).toEqual([]));
    it('should clear once the sale and its delivery are recorded', () =>
      expect(reconcileAsset(with_({ movements: [movement('2025-03-11T10:00:00Z')], trades: [sale], confirmations: [delivery] }), POLICY)).toEqual([]));
    it('should not take a receipt of 10 for the delivery', () =>
      expect(reconcileAsset(with_({ movements: [movement('2025-03-11T10:00:00Z', '10')], trades: [sale], confirmations: [delivery] }), POLICY).map((f) => f.subject))
        .toEqual(['movement:bank:SAFE-1:m7']));
  });

  describe('When the custodian confirms a settlement for a trade nobody booked', () => {
    const ghost = { confirmationId: 'c-ghost', side: 'BUY' as const, quantity: '7', settledAt: '2025-03-10T12:00:00Z', account: SAFE_1, eventIds: ['ev-ghost'] };
    it('should raise it after the window as an unexpected movement', () =>
      expect(reconcileAsset(with_({ confirmations: [ghost] }), POLICY).map((f) => [f.breakType, f.subject, f.figures, f.fault])).toEqual([
        ['unexpected-custody-movement', 'confirmation:c-ghost', { quantity: '7', tolerance: '0.000001' }, 'custodian:bank'],
      ]));
    it('should clear once the trade is booked', () =>
      expect(reconcileAsset(with_({
        confirmations: [ghost],
        trades: [{ tradeId: 't8', side: 'BUY', quantity: '7', tradeDate: '2025-03-07', settlementDate: '2025-03-10', eventIds: ['ev-t8'], failures: [] }],
        positions: [{ ...SAFE_1, quantity: '1000', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
      }), POLICY)).toEqual([]));
  });
});
