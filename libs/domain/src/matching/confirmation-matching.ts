import { formatShares, parseShares } from '../shared/fixed-point';
import { TradeSide } from '../trade/events';
import { firstBy } from './order';
import { dayStartMs, DAY_MS } from './time';
import { AccountRef, sameAccount } from './settlement-matching';

/** A trade a custodian's settlement message may be about: booked, not cancelled, with what is left to settle. */
export interface TradeAwaitingSettlement {
  readonly tradeId: string;
  readonly isin: string;
  readonly side: TradeSide;
  /** Shares, decimal string. */
  readonly quantity: string;
  /** Shares still to settle, decimal string. */
  readonly remaining: string;
  readonly settlementDate: string;
  readonly accountOwnerReference?: string;
  readonly custodianReference?: string;
  readonly account?: AccountRef;
}

/** What a confirmation (MT54x, sese.025) or status advice (MT548, sese.024) says that can find its trade. */
export interface SettlementMessageKeys {
  /** 20C::RELA, AcctOwnrTxId. */
  readonly accountOwnerReference?: string;
  /** 20C::ASRF, AcctSvcrTxId. */
  readonly custodianReference?: string;
  /** Absent on a status advice without its transaction details (MT548 sequence B): then only a reference finds the trade. */
  readonly isin?: string;
  /** Absent when the advice does not say receipt or delivery (MT548 22H::REDE). */
  readonly side?: TradeSide;
  /** Shares this message settles; absent for a status advice, which settles nothing. */
  readonly quantity?: string;
  /** The contractual settlement date (98A::SETT), else the effective one (YYYY-MM-DD). */
  readonly settlementDate?: string;
  readonly account?: AccountRef;
}

export type MatchedBy = 'account-owner-reference' | 'trade-id' | 'custodian-reference' | 'keys';

/** `link`: a reference named a trade that cannot take the message; `keys`: no trade, or more than one, fits its keys. */
export type TradeMatch =
  | { readonly kind: 'matched'; readonly tradeId: string; readonly by: MatchedBy }
  | { readonly kind: 'refused'; readonly field: 'link' | 'keys'; readonly reason: string };

/** Why the trade a reference named cannot take the message, or undefined when it can. */
function misfit(trade: TradeAwaitingSettlement, keys: SettlementMessageKeys): string | undefined {
  if (keys.side !== undefined && trade.side !== keys.side) return `names ${trade.side} trade ${trade.tradeId}, but the message is a ${keys.side === 'BUY' ? 'receipt' : 'delivery'}`;
  if (keys.isin !== undefined && trade.isin !== keys.isin) return `names trade ${trade.tradeId} in ${trade.isin}, but the message is about ${keys.isin}`;
  if (keys.quantity !== undefined && parseShares(keys.quantity) > parseShares(trade.remaining)) {
    return `names trade ${trade.tradeId}, which has ${trade.remaining} shares left to settle, fewer than the ${keys.quantity} settled`;
  }
  return undefined;
}

function byReference(trades: readonly TradeAwaitingSettlement[], keys: SettlementMessageKeys, reference: string, refOf: (t: TradeAwaitingSettlement) => readonly (string | undefined)[], what: string): TradeMatch | undefined {
  const named = trades.filter((trade) => refOf(trade).includes(reference));
  if (named.length === 0) return undefined;
  if (named.length > 1) return { kind: 'refused', field: 'link', reason: `${what} ${reference} names ${named.length} trades (${named.map((t) => t.tradeId).join(', ')}): it must name one` };
  const trade = named[0]!;
  const why = misfit(trade, keys);
  if (why !== undefined) return { kind: 'refused', field: 'link', reason: `${what} ${reference} ${why}` };
  const by: MatchedBy = what === 'custodian reference' ? 'custodian-reference' : trade.accountOwnerReference === reference ? 'account-owner-reference' : 'trade-id';
  return { kind: 'matched', tradeId: trade.tradeId, by };
}

/**
 * The trade a settlement message is about, in this order:
 * 1. its account owner's reference (RELA, AcctOwnrTxId) equal to a trade's accountOwnerReference or tradeId;
 * 2. its custodian's reference (ASRF, AcctSvcrTxId) equal to a trade's custodianReference;
 * 3. its keys: the same ISIN and side, the same account when both name one, no more shares than the
 *    trade has left (partial settlements allowed), the same settlement date, else the nearest within
 *    `windowDays` of it. Among those, one that the quantity fills exactly comes first.
 * A reference that names a trade which cannot take the message refuses it rather than falling back
 * to the keys; two trades equally good, or none, refuse it too. Pure: no clock, no order dependence.
 */
export function matchSettlementMessage(trades: readonly TradeAwaitingSettlement[], keys: SettlementMessageKeys, windowDays: number): TradeMatch {
  if (keys.accountOwnerReference !== undefined) {
    const found = byReference(trades, keys, keys.accountOwnerReference, (t) => [t.accountOwnerReference, t.tradeId], 'account owner reference');
    if (found) return found;
  }
  if (keys.custodianReference !== undefined) {
    const found = byReference(trades, keys, keys.custodianReference, (t) => [t.custodianReference], 'custodian reference');
    if (found) return found;
  }
  if (keys.isin === undefined) {
    return { kind: 'refused', field: 'keys', reason: 'no trade matches: no reference names a booked trade, and the message names no instrument to match by' };
  }
  const quantity = keys.quantity === undefined ? undefined : parseShares(keys.quantity);
  const targetMs = keys.settlementDate === undefined ? undefined : dayStartMs(keys.settlementDate, 'settlementDate');
  const distance = (trade: TradeAwaitingSettlement) => (targetMs === undefined ? 0 : Math.abs(dayStartMs(trade.settlementDate, 'settlementDate') - targetMs) / DAY_MS);
  const candidates = trades.filter((trade) =>
    trade.isin === keys.isin
    && (keys.side === undefined || trade.side === keys.side)
    && sameAccount(trade.account, keys.account)
    && parseShares(trade.remaining) > 0n
    && (quantity === undefined || quantity <= parseShares(trade.remaining))
    && distance(trade) <= windowDays);
  const rank = (trade: TradeAwaitingSettlement): [number, number] => [distance(trade), quantity !== undefined && quantity === parseShares(trade.remaining) ? 0 : 1];
  const best = firstBy(candidates, (trade) => [...rank(trade), trade.tradeId]);
  const what = `${keys.side ?? 'BUY or SELL'} ${keys.isin}${quantity === undefined ? '' : ` for ${formatShares(quantity)} shares`}${keys.settlementDate === undefined ? '' : ` settling ${keys.settlementDate}`}`;
  if (!best) return { kind: 'refused', field: 'keys', reason: `no trade matches: no reference names a booked trade, and no open ${what} (within ${windowDays} day(s), same account) is booked` };
  const tied = candidates.filter((trade) => trade !== best && rank(trade).join() === rank(best).join());
  if (tied.length > 0) {
    return { kind: 'refused', field: 'keys', reason: `is ambiguous: trades ${[best, ...tied].map((t) => t.tradeId).sort().join(', ')} match ${what} equally well; give the trade's account owner reference (20C::RELA)` };
  }
  return { kind: 'matched', tradeId: best.tradeId, by: 'keys' };
}
