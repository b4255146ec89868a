import { CustodyMovement, matchMovements } from './movement-matching';
import { SettlementConfirmation, TradeToSettle } from './settlement-matching';

const POLICY = { tolerance: '0.0001', window: { days: 1 }, now: '2025-03-14T09:30:00Z' };
const movement = (movementId: string, quantity: string, movedAt: string, account = 'SAFE-1'): CustodyMovement =>
  ({ custodian: 'bank', account, movementId, quantity, movedAt, eventIds: [`ev-${movementId}`] });
const confirmation: SettlementConfirmation = { confirmationId: 'c1', side: 'SELL', quantity: '10', settledAt: '2025-03-12T09:00:00Z', eventIds: ['ev-c1'] };
const trade: TradeToSettle = { tradeId: 't1', side: 'BUY', quantity: '5', tradeDate: '2025-03-11', settlementDate: '2025-03-12', eventIds: ['ev-t1'] };
const explained = (result: ReturnType<typeof matchMovements>) => result.explained.map((e) => [e.movement.movementId, e.explanation]);

describe('Matching custody movements', () => {
  describe('When a delivery of 10 has a confirmation within the window', () => {
    it('should explain it by the confirmation', () =>
      expect(explained(matchMovements([movement('m1', '-10', '2025-03-12T12:00:00Z')], [confirmation], [], POLICY))).toEqual([['m1', { kind: 'confirmation', confirmationId: 'c1' }]]));
    it('should let one confirmation explain one movement only', () =>
      expect(matchMovements([movement('m1', '-10', '2025-03-12T12:00:00Z'), movement('m2', '-10', '2025-03-12T13:00:00Z')], [confirmation], [], POLICY).unexplained.map((u) => u.item.movementId))
        .toEqual(['m2']));
  });

  describe('When a receipt matches a trade whose confirmation has not come', () => {
    it('should explain it by the trade, within tolerance', () =>
      expect(explained(matchMovements([movement('m1', '5.00005', '2025-03-12T12:00:00Z')], [], [trade], POLICY))).toEqual([['m1', { kind: 'trade', tradeId: 't1' }]]));
  });

  describe('When shares move between two of the issuer\'s accounts', () => {
    it('should explain each side by the other', () =>
      expect(explained(matchMovements([movement('m1', '-25', '2025-03-13T10:00:00Z'), movement('m2', '25', '2025-03-13T10:05:00Z', 'SAFE-2')], [], [], POLICY))).toEqual([
        ['m1', { kind: 'internal-transfer', movementId: 'm2' }],
        ['m2', { kind: 'internal-transfer', movementId: 'm1' }],
      ]));
    it('should not pair two movements of the same account', () =>
      expect(matchMovements([movement('m1', '-25', '2025-03-13T10:00:00Z'), movement('m2', '25', '2025-03-13T10:05:00Z')], [], [], POLICY).unexplained).toHaveLength(2));
  });

  describe('When nothing explains a movement', () => {
    it('should report it once the window has passed, with its reason', () =>
      expect(matchMovements([movement('m1', '3', '2025-03-13T09:00:00Z')], [], [], POLICY).unexplained).toEqual([{
        item: movement('m1', '3', '2025-03-13T09:00:00Z'),
        reason: 'no confirmation, trade or opposite transfer of 3 shares within the window',
        windowEndsAt: '2025-03-14T09:00:00.000Z',
        expired: true,
      }]));
    it('should not report it yet inside the window', () => expect(matchMovements([movement('m1', '3', '2025-03-13T10:00:00Z')], [], [], POLICY).unexplained[0]?.expired).toBe(false));
  });
});
