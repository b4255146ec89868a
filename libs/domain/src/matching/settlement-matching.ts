import { formatShares, parseShares } from '../shared/fixed-point';
import { TradeSide } from '../trade/events';
import { firstBy, orderBy } from './order';
import { abs } from './quantities';
import { dayStartMs, DAY_MS, instantMs, isoOf } from './time';
import { MatchPolicy, MatchRules, rulesOf, Unmatched, unmatched } from './unmatched';

export interface AccountRef {
  readonly custodian: string;
  readonly account: string;
}

/** Either side unknown matches any account: trades often do not name one. */
export const sameAccount = (a: AccountRef | undefined, b: AccountRef | undefined): boolean =>
  a === undefined || b === undefined || (a.custodian === b.custodian && a.account === b.account);

export interface TradeToSettle {
  readonly tradeId: string;
  readonly side: TradeSide;
  /** Shares, decimal string. */
  readonly quantity: string;
  readonly tradeDate: string;
  readonly settlementDate: string;
  /** The safekeeping account the shares settle into or out of, when known. */
  readonly account?: AccountRef;
  readonly eventIds: readonly string[];
}

/** One custodian confirmation (MT545 receive / MT547 deliver, sese.025): the whole trade or part of it. */
export interface SettlementConfirmation {
  readonly confirmationId: string;
  /** The trade it references, when the confirmation carries one; otherwise it is matched by keys. */
  readonly tradeId?: string;
  /** BUY for a receipt, SELL for a delivery. */
  readonly side: TradeSide;
  readonly quantity: string;
  readonly settledAt: string;
  readonly account?: AccountRef;
  readonly eventIds: readonly string[];
  /** Set when no confirmation but a holdings statement's movement settled it (reconciliation/statement-evidence.ts). */
  readonly byStatement?: true;
}

export interface TradeSettlementStatus {
  readonly trade: TradeToSettle;
  readonly confirmations: readonly SettlementConfirmation[];
  readonly settled: string;
  readonly remaining: string;
  /** `settled` once what remains is within tolerance. */
  readonly status: 'settled' | 'partially-settled' | 'unsettled';
  /** End of the settlement date plus the window; an unsettled remainder after it is an aged settlement. */
  readonly dueBy: string;
  readonly overdue: boolean;
}

export interface SettlementMatching {
  readonly trades: readonly TradeSettlementStatus[];
  readonly unmatched: readonly Unmatched<SettlementConfirmation>[];
}

interface Book {
  readonly trade: TradeToSettle;
  readonly quantity: bigint;
  settled: bigint;
  readonly confirmations: SettlementConfirmation[];
}

const remainingOf = (book: Book) => book.quantity - book.settled;

/** The trade a confirmation names: refused with a reason when it cannot be that trade's. */
function byReference(book: Book, confirmation: SettlementConfirmation, quantity: bigint, { tolerance }: MatchRules): Book | string {
  if (book.trade.side !== confirmation.side) return `a ${confirmation.side} confirmation cannot settle ${book.trade.side} trade ${book.trade.tradeId}`;
  if (quantity > remainingOf(book) + tolerance) {
    return `settles ${formatShares(quantity)} shares but trade ${book.trade.tradeId} has ${formatShares(remainingOf(book))} remaining`;
  }
  return book;
}

/**
 * A confirmation without a usable reference settles the trade of the same side and account that it
 * fits: settled between the trade date and the window after the settlement date, for no more than
 * remains. A trade it fills exactly (within tolerance) comes first, then the earliest due.
 */
function byKeys(books: readonly Book[], confirmation: SettlementConfirmation, quantity: bigint, { tolerance, windowMs }: MatchRules): Book | string {
  const settledMs = instantMs(confirmation.settledAt, 'settledAt');
  const candidates = books.filter((book) =>
    book.trade.side === confirmation.side
    && sameAccount(book.trade.account, confirmation.account)
    && remainingOf(book) > tolerance
    && quantity <= remainingOf(book) + tolerance
    && settledMs >= dayStartMs(book.trade.tradeDate, 'tradeDate')
    && settledMs <= dayStartMs(book.trade.settlementDate, 'settlementDate') + DAY_MS + windowMs);
  const best = firstBy(candidates, (book) => [abs(remainingOf(book) - quantity) <= tolerance ? 0 : 1, book.trade.settlementDate, book.trade.tradeId]);
  return best ?? `no ${confirmation.side} trade with ${formatShares(quantity)} shares left to settle is due around ${confirmation.settledAt}`;
}

function statusOf(book: Book, { tolerance, windowMs, nowMs }: MatchRules): TradeSettlementStatus {
  const remaining = remainingOf(book);
  const status = book.settled > 0n && remaining <= tolerance ? 'settled' : book.settled > 0n ? 'partially-settled' : 'unsettled';
  const dueMs = dayStartMs(book.trade.settlementDate, 'settlementDate') + DAY_MS + windowMs;
  return {
    trade: book.trade,
    confirmations: book.confirmations,
    settled: formatShares(book.settled),
    remaining: formatShares(remaining),
    status,
    dueBy: isoOf(dueMs),
    overdue: status !== 'settled' && nowMs > dueMs,
  };
}

/**
 * Matches settlement confirmations to trades, one trade taking several partial confirmations. By
 * reference first (the confirmation names the trade), by keys otherwise (side, account, quantity
 * within tolerance, time window). Confirmations are taken in settlement order, so the result does
 * not depend on the order they were given in.
 */
export function matchSettlements(trades: readonly TradeToSettle[], confirmations: readonly SettlementConfirmation[], policy: MatchPolicy): SettlementMatching {
  const rules = rulesOf(policy);
  const { windowMs, nowMs } = rules;
  const books: Book[] = trades.map((trade) => ({ trade, quantity: parseShares(trade.quantity, `trade ${trade.tradeId} quantity`), settled: 0n, confirmations: [] }));
  const byId = new Map(books.map((book) => [book.trade.tradeId, book]));
  const left: Unmatched<SettlementConfirmation>[] = [];
  for (const confirmation of orderBy(confirmations, (c) => [instantMs(c.settledAt, 'settledAt'), c.confirmationId])) {
    const quantity = parseShares(confirmation.quantity, `confirmation ${confirmation.confirmationId} quantity`);
    // A reference to a trade not booked here (a broker's own id) is no reference: match by keys.
    const named = confirmation.tradeId === undefined ? undefined : byId.get(confirmation.tradeId);
    const found = named ? byReference(named, confirmation, quantity, rules) : byKeys(books, confirmation, quantity, rules);
    if (typeof found === 'string') {
      left.push(unmatched(confirmation, found, instantMs(confirmation.settledAt, 'settledAt') + windowMs, nowMs));
      continue;
    }
    found.settled += quantity;
    found.confirmations.push(confirmation);
  }
  return { trades: books.map((book) => statusOf(book, rules)), unmatched: left };
}
