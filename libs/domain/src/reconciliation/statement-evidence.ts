import { orderBy } from '../matching/order';
import { abs } from '../matching/quantities';
import { SettlementConfirmation, SettlementMatching, TradeSettlementStatus } from '../matching/settlement-matching';
import { businessDateOf } from '../matching/time';
import { formatShares, parseShares } from '../shared/fixed-point';
import { landingStatement, latestOf } from './holdings';
import { CustodyPosition, StatementMovement } from './snapshot';

/**
 * Settlement evidenced by a statement. The custodian often sends its holdings statement before (or
 * instead of) the settlement confirmation. A trade no confirmation settles, whose shares a complete
 * statement dated on or after its settlement date shows arriving (or leaving), is settled: counting
 * it as pending as well would count the shares twice (held = custody + pending buys).
 *
 * Matching order, per account (the statement a trade lands on, holdings.ts), for each movement
 * between two consecutive statements that counted, oldest first:
 * 1. Confirmations settled after the earlier statement date, up to the later one, explain their
 *    part of the movement first (a BUY adds, a SELL takes away).
 * 2. What is left is matched to the trades still unsettled that were due by the later statement
 *    date (settlement date ≤ its date), by their remaining quantity, signed: all of them together
 *    if they add up to it, else the largest set of them that does (among sets of one size, the one
 *    whose latest trade is due earliest), searched among the first EXHAUSTIVE_CANDIDATES trades by
 *    settlement date.
 * 3. "Adds up" is within the reconciliation tolerance. A movement nothing adds up to evidences
 *    nothing: the trades stay pending, and once their settlement window has passed they are a
 *    failed settlement.
 * Only settled-basis statements are evidence: a traded-basis one books trades on their trade date
 * already (holdings.ts). A trade settled this way stays settled while the movement is kept
 * (SETTLED_RETENTION_DAYS); the missing-confirmation finding asks for its confirmation meanwhile.
 */
export const EXHAUSTIVE_CANDIDATES = 10;

/** A trade settled by a statement's movement: the status it had, and the statement movement. */
export interface StatementEvidence {
  readonly status: TradeSettlementStatus;
  readonly position: CustodyPosition;
  readonly movement: StatementMovement;
  /** Shares the statement settled: the trade's remainder. */
  readonly quantity: string;
}

export interface EvidencedSettlements {
  /** The matching, with trades the statements settled shown as settled by a statement confirmation. */
  readonly settlements: SettlementMatching;
  readonly evidence: readonly StatementEvidence[];
}

const signed = (status: TradeSettlementStatus, units: bigint) => (status.trade.side === 'BUY' ? units : -units);

/** Shares the confirmations of these trades settled within the movement's dates, signed. */
function confirmedWithin(statuses: readonly TradeSettlementStatus[], movement: StatementMovement): bigint {
  let sum = 0n;
  for (const status of statuses) {
    for (const c of status.confirmations) {
      const date = businessDateOf(c.settledAt, 'settledAt');
      if (date > movement.fromDate && date <= movement.toDate) sum += signed(status, parseShares(c.quantity));
    }
  }
  return sum;
}

/**
 * The indexes of the largest set of candidates whose values add up to `target` within `tolerance`
 * (all of them first); none when no set does.
 */
function bestSet(values: readonly bigint[], target: bigint, tolerance: bigint): number[] {
  const indexes = values.map((_, i) => i);
  if (values.length > 0 && abs(values.reduce((sum, v) => sum + v, 0n) - target) <= tolerance) return indexes;
  const n = Math.min(values.length, EXHAUSTIVE_CANDIDATES);
  let best: number[] = [];
  // Masks count up: among sets of one size the first found is the one whose latest trade (where they differ) is due earliest.
  for (let mask = 1; mask < 1 << n; mask++) {
    const chosen = indexes.slice(0, n).filter((i) => mask & (1 << i));
    if (chosen.length <= best.length) continue;
    if (abs(chosen.reduce((sum, i) => sum + values[i]!, 0n) - target) <= tolerance) best = chosen;
  }
  return best;
}

function settledBy(status: TradeSettlementStatus, position: CustodyPosition, movement: StatementMovement, remaining: bigint): TradeSettlementStatus {
  const confirmation: SettlementConfirmation = {
    confirmationId: `statement:${position.custodian}:${position.account}:${movement.statementReference}`,
    tradeId: status.trade.tradeId,
    side: status.trade.side,
    quantity: formatShares(remaining),
    settledAt: `${movement.toDate}T00:00:00.000Z`,
    account: { custodian: position.custodian, account: position.account },
    eventIds: movement.eventIds,
    byStatement: true,
  };
  return {
    ...status, confirmations: [...status.confirmations, confirmation], settled: formatShares(parseShares(status.settled) + remaining),
    remaining: formatShares(0n), status: 'settled', overdue: false,
  };
}

/**
 * The trades the statements' movements settle (see the matching order above), applied to the
 * matching. Pure: the same matching and positions give the same result in the same order.
 */
export function settleByStatements(matching: SettlementMatching, positions: readonly CustodyPosition[], tolerance: bigint): EvidencedSettlements {
  const latest = latestOf(positions);
  const byTrade = new Map(matching.trades.map((s) => [s.trade.tradeId, s]));
  const evidence: StatementEvidence[] = [];
  for (const position of orderBy(positions, (p) => [p.custodian, p.account])) {
    if (position.basis !== 'SETTLED' || !position.statementMovements) continue;
    const landing = matching.trades.filter((s) => landingStatement(s, positions, latest) === position);
    for (const movement of position.statementMovements) {
      const current = landing.map((s) => byTrade.get(s.trade.tradeId)!);
      const left = parseShares(movement.quantity) - confirmedWithin(current, movement);
      if (abs(left) <= tolerance) continue;
      const candidates = orderBy(
        current.filter((s) => s.status !== 'settled' && parseShares(s.remaining) > tolerance && s.trade.settlementDate <= movement.toDate),
        (s) => [s.trade.settlementDate, s.trade.tradeId]);
      for (const i of bestSet(candidates.map((s) => signed(s, parseShares(s.remaining))), left, tolerance)) {
        const status = candidates[i]!;
        const remaining = parseShares(status.remaining);
        byTrade.set(status.trade.tradeId, settledBy(status, position, movement, remaining));
        evidence.push({ status, position, movement, quantity: formatShares(remaining) });
      }
    }
  }
  if (evidence.length === 0) return { settlements: matching, evidence };
  return { settlements: { ...matching, trades: matching.trades.map((s) => byTrade.get(s.trade.tradeId)!) }, evidence };
}
