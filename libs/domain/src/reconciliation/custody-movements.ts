import { MovementMatching } from '../matching/movement-matching';
import { SettlementMatching } from '../matching/settlement-matching';
import { formatShares, parseShares } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';

/**
 * Unexpected custody movement: a position change at the bank that no confirmation, trade or
 * internal transfer explains once its window has passed; and a settlement confirmation that no
 * trade accounts for (shares the custodian says moved, for a trade nobody booked).
 * Figures: quantity (signed shares, positive in), tolerance.
 */
export function unexpectedMovementFindings(run: Run, movements: MovementMatching, settlements: SettlementMatching): Finding[] {
  const tolerance = formatShares(run.tolerance);
  const fromMovements = movements.unexplained.filter((u) => u.expired).map(({ item: m, reason }) => findingOf(run, {
    breakType: 'unexpected-custody-movement',
    subject: `movement:${m.custodian}:${m.account}:${m.movementId}`,
    fault: `custodian:${m.custodian}`,
    figures: { quantity: formatShares(parseShares(m.quantity)), tolerance },
    reason: `${m.custodian}/${m.account} moved ${m.quantity} shares at ${m.movedAt}: ${reason}`,
    evidence: [m.eventIds],
  }));
  const fromConfirmations = settlements.unmatched.filter((u) => u.expired).map(({ item: c, reason }) => {
    const signed = c.side === 'BUY' ? parseShares(c.quantity) : -parseShares(c.quantity);
    return findingOf(run, {
      breakType: 'unexpected-custody-movement',
      subject: `confirmation:${c.confirmationId}`,
      fault: c.account ? `custodian:${c.account.custodian}` : 'settlement-confirmations',
      figures: { quantity: formatShares(signed), tolerance },
      reason: `settlement confirmation ${c.confirmationId} matches no trade: ${reason}`,
      evidence: [c.eventIds],
    });
  });
  return [...fromMovements, ...fromConfirmations];
}
