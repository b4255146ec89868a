import { DomainError } from '../shared/decider';
import { formatShares, parseShares } from '../shared/fixed-point';
import { firstBy, orderBy } from './order';
import { abs, MultiplierPoint, multiplierAt, tokensToShares } from './quantities';
import { TradeToSettle } from './settlement-matching';
import { dayStartMs, DAY_MS, durationMs, instantMs, isoOf } from './time';
import { MatchPolicy, Unmatched, unmatched } from './unmatched';

export type IssuanceKind = 'mint' | 'redemption';

export interface IssuanceRequestToMatch {
  readonly requestId: string;
  readonly kind: IssuanceKind;
  readonly chainId: number;
  /** Token base units requested. */
  readonly amount: bigint;
  readonly requestedAt: string;
  /** The purchase (mint) or sale (redemption) behind the request, when the desk recorded it. */
  readonly tradeId?: string;
  readonly eventIds: readonly string[];
}

/** A Transfer from (mint) or to (burn) the zero address, past the confirmation depth. */
export interface ChainMintBurn {
  readonly chainId: number;
  readonly txHash: string;
  readonly logIndex: number;
  readonly direction: 'mint' | 'burn';
  readonly amount: bigint;
  readonly blockNumber: number;
  readonly blockTime: string;
  /** The request the chain watcher attached it to (MintedOnChain / BurnedOnChain), if any. */
  readonly requestId?: string;
  readonly eventIds: readonly string[];
}

export interface IssuanceMatchPolicy extends MatchPolicy {
  /** Token decimals per chain id, to compare token amounts with share quantities. */
  readonly decimals: ReadonlyMap<number, number>;
  readonly multipliers: readonly MultiplierPoint[];
}

export interface RequestMatch {
  readonly request: IssuanceRequestToMatch;
  readonly trade?: TradeToSettle;
  readonly transfers: readonly ChainMintBurn[];
  /** Base units seen on chain for the request, and what is still to come. */
  readonly onChain: bigint;
  readonly remaining: bigint;
  /** Nothing left beyond tolerance. */
  readonly complete: boolean;
  readonly windowEndsAt: string;
  /** Incomplete after its window: a requested mint or burn that did not happen. */
  readonly expired: boolean;
}

export interface IssuanceMatching {
  readonly requests: readonly RequestMatch[];
  readonly matched: readonly { readonly transfer: ChainMintBurn; readonly requestId?: string; readonly tradeId?: string }[];
  readonly unmatched: readonly Unmatched<ChainMintBurn>[];
}

interface Book {
  readonly request: IssuanceRequestToMatch;
  readonly trade?: TradeToSettle;
  readonly transfers: ChainMintBurn[];
  onChain: bigint;
}

const DIRECTION: Readonly<Record<IssuanceKind, ChainMintBurn['direction']>> = { mint: 'mint', redemption: 'burn' };
/** Shares are bought before a mint and sold after a redemption. */
const SIDE: Readonly<Record<ChainMintBurn['direction'], TradeToSettle['side']>> = { mint: 'BUY', burn: 'SELL' };
const transferKey = (t: ChainMintBurn) => `${t.chainId}:${t.txHash}:${t.logIndex}`;

/**
 * Matches mints and burns seen on chain to issuance and redemption requests, and requests to the
 * trades behind them. Keys: asset (one asset per call), chain, direction, amount within tolerance,
 * time within the window. A chain event the watcher already attached to a request matches it by
 * reference; one with no request may still be backed by a trade of the same size (a desk that
 * minted before booking the request). Token amounts are compared in base units where both sides
 * are on one chain, so partial mints add up exactly; against trades, in shares.
 */
export function matchIssuance(
  requests: readonly IssuanceRequestToMatch[],
  transfers: readonly ChainMintBurn[],
  trades: readonly TradeToSettle[],
  policy: IssuanceMatchPolicy,
): IssuanceMatching {
  const tolerance = parseShares(policy.tolerance, 'tolerance');
  const windowMs = durationMs(policy.window, 'window');
  const nowMs = instantMs(policy.now, 'now');
  const sharesOf = (chainId: number, amount: bigint, at: string) => {
    const decimals = policy.decimals.get(chainId);
    if (decimals === undefined) throw new DomainError('UNKNOWN_CHAIN', `no token decimals known for chain ${chainId}`);
    return tokensToShares([{ amount: abs(amount), decimals }], multiplierAt(policy.multipliers, at).units);
  };
  const close = (chainId: number, a: bigint, b: bigint, at: string) => sharesOf(chainId, a - b, at) <= tolerance;
  const usedTrades = new Set<string>();

  // 1. Requests to the trades behind them: named by the request, else same side and size, closest in time.
  const tradeFor = (request: IssuanceRequestToMatch): TradeToSettle | undefined => {
    const side = SIDE[DIRECTION[request.kind]];
    const fitting = trades.filter((t) => !usedTrades.has(t.tradeId) && t.side === side);
    const named = fitting.find((t) => t.tradeId === request.tradeId);
    if (named) return named;
    const requestedMs = instantMs(request.requestedAt, 'requestedAt');
    const shares = sharesOf(request.chainId, request.amount, request.requestedAt);
    return firstBy(
      fitting.filter((t) => abs(parseShares(t.quantity) - shares) <= tolerance && Math.abs(dayStartMs(t.tradeDate, 'tradeDate') - requestedMs) <= windowMs + DAY_MS),
      (t) => [Math.abs(dayStartMs(t.tradeDate, 'tradeDate') - requestedMs), t.tradeId]);
  };
  const books: Book[] = orderBy(requests, (r) => [instantMs(r.requestedAt, 'requestedAt'), r.requestId]).map((request) => {
    const trade = tradeFor(request);
    if (trade) usedTrades.add(trade.tradeId);
    return { request, ...(trade ? { trade } : {}), transfers: [], onChain: 0n };
  });

  // 2. Chain events to requests (by reference, else by keys), else to a trade.
  const takes = (book: Book, t: ChainMintBurn) => {
    const remaining = book.request.amount - book.onChain;
    return DIRECTION[book.request.kind] === t.direction && book.request.chainId === t.chainId
      && !close(t.chainId, remaining, 0n, t.blockTime) && (t.amount <= remaining || close(t.chainId, t.amount, remaining, t.blockTime));
  };
  const requestFor = (t: ChainMintBurn): Book | undefined => {
    const named = books.find((book) => book.request.requestId === t.requestId && takes(book, t));
    if (named) return named;
    const atMs = instantMs(t.blockTime, 'blockTime');
    return firstBy(
      books.filter((book) => takes(book, t) && Math.abs(instantMs(book.request.requestedAt, 'requestedAt') - atMs) <= windowMs),
      (book) => [close(t.chainId, book.request.amount - book.onChain, t.amount, t.blockTime) ? 0 : 1, instantMs(book.request.requestedAt, 'requestedAt'), book.request.requestId]);
  };
  const tradeForTransfer = (t: ChainMintBurn): TradeToSettle | undefined => {
    const atMs = instantMs(t.blockTime, 'blockTime');
    const shares = sharesOf(t.chainId, t.amount, t.blockTime);
    return firstBy(
      trades.filter((trade) => !usedTrades.has(trade.tradeId) && trade.side === SIDE[t.direction] && abs(parseShares(trade.quantity) - shares) <= tolerance
        && atMs >= dayStartMs(trade.tradeDate, 'tradeDate') - windowMs && atMs <= dayStartMs(trade.tradeDate, 'tradeDate') + DAY_MS + windowMs),
      (trade) => [trade.tradeDate, trade.tradeId]);
  };
  const matched: { transfer: ChainMintBurn; requestId?: string; tradeId?: string }[] = [];
  const left: Unmatched<ChainMintBurn>[] = [];
  for (const transfer of orderBy(transfers, (t) => [instantMs(t.blockTime, 'blockTime'), transferKey(t)])) {
    const book = requestFor(transfer);
    const trade = book ? undefined : tradeForTransfer(transfer);
    if (book) {
      book.transfers.push(transfer);
      book.onChain += transfer.amount;
      matched.push({ transfer, requestId: book.request.requestId });
    } else if (trade) {
      usedTrades.add(trade.tradeId);
      matched.push({ transfer, tradeId: trade.tradeId });
    } else {
      const shares = formatShares(sharesOf(transfer.chainId, transfer.amount, transfer.blockTime));
      const reason = `no ${DIRECTION.redemption === transfer.direction ? 'redemption' : 'issuance'} request on chain ${transfer.chainId} and no ${SIDE[transfer.direction]} trade of ${shares} shares within the window`;
      left.push(unmatched(transfer, reason, instantMs(transfer.blockTime, 'blockTime') + windowMs, nowMs));
    }
  }

  const results = books.map((book): RequestMatch => {
    const { request } = book;
    const remaining = request.amount - book.onChain;
    const complete = remaining <= 0n || close(request.chainId, remaining, 0n, request.requestedAt);
    const windowEndsMs = instantMs(request.requestedAt, 'requestedAt') + windowMs;
    return { ...book, remaining, complete, windowEndsAt: isoOf(windowEndsMs), expired: !complete && nowMs > windowEndsMs };
  });
  return { requests: results, matched, unmatched: left };
}
