import { formatShares, parseShares } from '../shared/fixed-point';
import { firstBy, orderBy } from './order';
import { abs } from './quantities';
import { AccountRef, sameAccount, SettlementConfirmation, TradeToSettle } from './settlement-matching';
import { dayStartMs, DAY_MS, instantMs } from './time';
import { MatchPolicy, rulesOf, Unmatched, unmatched } from './unmatched';

/** A position change the custodian reported (MT536 / semt.017 line): signed shares, positive in. */
export interface CustodyMovement extends AccountRef {
  readonly movementId: string;
  readonly quantity: string;
  readonly movedAt: string;
  readonly eventIds: readonly string[];
}

export type MovementExplanation =
  | { readonly kind: 'confirmation'; readonly confirmationId: string }
  | { readonly kind: 'trade'; readonly tradeId: string }
  /** Shares moved between two of the issuer's own accounts: the opposite movement explains each. */
  | { readonly kind: 'internal-transfer'; readonly movementId: string };

export interface MovementMatching {
  readonly explained: readonly { readonly movement: CustodyMovement; readonly explanation: MovementExplanation }[];
  readonly unexplained: readonly Unmatched<CustodyMovement>[];
}

interface Pending {
  readonly movement: CustodyMovement;
  readonly quantity: bigint;
  readonly atMs: number;
}

const sideOf = (quantity: bigint) => (quantity > 0n ? 'BUY' : 'SELL');
const sameAccountExactly = (a: AccountRef, b: AccountRef) => a.custodian === b.custodian && a.account === b.account;

/**
 * Explains each custody movement by, in this order: a settlement confirmation of the same side and
 * size settled within the window (each explains one movement); a trade not yet confirmed, of the
 * same side and size, moving between its trade date and the window after its settlement date; or
 * the opposite movement of the same size in another of the issuer's accounts within the window.
 * What is left is a position change nothing explains: an unexpected custody movement once its
 * window has passed.
 */
export function matchMovements(
  movements: readonly CustodyMovement[],
  confirmations: readonly SettlementConfirmation[],
  unconfirmedTrades: readonly TradeToSettle[],
  policy: MatchPolicy,
): MovementMatching {
  const { tolerance, windowMs, nowMs } = rulesOf(policy);
  const fits = (p: Pending, side: string, quantity: string, account: AccountRef | undefined) =>
    side === sideOf(p.quantity) && abs(abs(p.quantity) - parseShares(quantity)) <= tolerance && sameAccount(account, p.movement);
  const confirmationFor = (p: Pending, used: ReadonlySet<string>) => firstBy(
    confirmations.filter((c) => !used.has(c.confirmationId) && fits(p, c.side, c.quantity, c.account)
      && Math.abs(instantMs(c.settledAt, 'settledAt') - p.atMs) <= windowMs),
    (c) => [Math.abs(instantMs(c.settledAt, 'settledAt') - p.atMs), c.confirmationId]);
  const tradeFor = (p: Pending, used: ReadonlySet<string>) => firstBy(
    unconfirmedTrades.filter((t) => !used.has(t.tradeId) && fits(p, t.side, t.quantity, t.account)
      && p.atMs >= dayStartMs(t.tradeDate, 'tradeDate') && p.atMs <= dayStartMs(t.settlementDate, 'settlementDate') + DAY_MS + windowMs),
    (t) => [t.settlementDate, t.tradeId]);
  const isCounterpart = (a: Pending, b: Pending) => a !== b && sideOf(a.quantity) !== sideOf(b.quantity)
    && abs(a.quantity + b.quantity) <= tolerance && !sameAccountExactly(a.movement, b.movement) && Math.abs(a.atMs - b.atMs) <= windowMs;

  const explained: { movement: CustodyMovement; explanation: MovementExplanation }[] = [];
  const usedConfirmations = new Set<string>();
  const usedTrades = new Set<string>();
  const left: Pending[] = [];
  const sorted = orderBy(movements, (m) => [instantMs(m.movedAt, 'movedAt'), m.custodian, m.account, m.movementId]);
  // 1. Settlements: a confirmation, else a trade still waiting for one.
  for (const movement of sorted) {
    const p: Pending = { movement, quantity: parseShares(movement.quantity, `movement ${movement.movementId} quantity`), atMs: instantMs(movement.movedAt, 'movedAt') };
    const confirmation = confirmationFor(p, usedConfirmations);
    const trade = confirmation ? undefined : tradeFor(p, usedTrades);
    if (confirmation) usedConfirmations.add(confirmation.confirmationId);
    if (trade) usedTrades.add(trade.tradeId);
    if (confirmation) explained.push({ movement, explanation: { kind: 'confirmation', confirmationId: confirmation.confirmationId } });
    else if (trade) explained.push({ movement, explanation: { kind: 'trade', tradeId: trade.tradeId } });
    else left.push(p);
  }
  // 2. Internal transfers: pair what is left, earliest first.
  const paired = new Set<Pending>();
  for (const p of left) {
    if (paired.has(p)) continue;
    const counterpart = left.find((other) => !paired.has(other) && isCounterpart(p, other));
    if (!counterpart) continue;
    paired.add(p).add(counterpart);
    explained.push({ movement: p.movement, explanation: { kind: 'internal-transfer', movementId: counterpart.movement.movementId } });
    explained.push({ movement: counterpart.movement, explanation: { kind: 'internal-transfer', movementId: p.movement.movementId } });
  }
  const unexplained = left.filter((p) => !paired.has(p)).map((p) =>
    unmatched(p.movement, `no confirmation, trade or opposite transfer of ${formatShares(abs(p.quantity))} shares within the window`, p.atMs + windowMs, nowMs));
  return { explained, unexplained };
}
