import { DomainError } from '../shared/decider';
import { formatShares, parseShares } from '../shared/fixed-point';
import { firstBy, orderBy } from './order';
import { abs, MultiplierPoint, multiplierAt, tokensToShares } from './quantities';
import { TradeToSettle } from './settlement-matching';
import { dayStartMs, DAY_MS, instantMs, isoOf } from './time';
import { MatchPolicy, MatchRules, rulesOf, Unmatched, unmatched } from './unmatched';

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
  /**
   * When each trade settled in full (its last settlement), or null while something of it is still
   * to settle. A request that names its trade waits for it: its window runs from the settlement.
   */
  readonly tradeSettledAt?: ReadonlyMap<string, string | null>;
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
  /** Absent while the trade the request names is still to settle: the request waits for it. */
  readonly windowEndsAt?: string;
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
  /** Chain events are taken from the window before the request on, up to its end; open (undefined) while the trade it names is pending. */
  readonly windowEndsMs: number | undefined;
}

const DIRECTION: Readonly<Record<IssuanceKind, ChainMintBurn['direction']>> = { mint: 'mint', redemption: 'burn' };
/** Shares are bought before a mint and sold after a redemption. */
const SIDE: Readonly<Record<ChainMintBurn['direction'], TradeToSettle['side']>> = { mint: 'BUY', burn: 'SELL' };
const transferKey = (t: ChainMintBurn) => `${t.chainId}:${t.txHash}:${t.logIndex}`;

/** One matching pass: its rules, the trades, which of them are taken, and token → share conversion. */
class Pass {
  readonly rules: MatchRules;
  readonly usedTrades = new Set<string>();

  constructor(readonly trades: readonly TradeToSettle[], private readonly policy: IssuanceMatchPolicy) {
    this.rules = rulesOf(policy);
  }

  /**
   * Where a request's window ends: the mint/burn window after the request, or, for a request that
   * names its trade, after the later of the request and the trade's settlement; open while that trade
   * is still pending, so waiting for the shares never reads as a mint that did not happen.
   */
  windowEndOf(request: IssuanceRequestToMatch, trade: TradeToSettle | undefined): number | undefined {
    const requestedMs = instantMs(request.requestedAt, 'requestedAt');
    const named = trade !== undefined && trade.tradeId === request.tradeId;
    const settledAt = named ? this.policy.tradeSettledAt?.get(trade.tradeId) : undefined;
    if (named && settledAt === null) return undefined;
    const from = settledAt ? Math.max(requestedMs, instantMs(settledAt, 'settledAt')) : requestedMs;
    return from + this.rules.windowMs;
  }

  sharesOf(chainId: number, amount: bigint, at: string): bigint {
    const decimals = this.policy.decimals.get(chainId);
    if (decimals === undefined) throw new DomainError('UNKNOWN_CHAIN', `no token decimals known for chain ${chainId}`);
    return tokensToShares([{ amount: abs(amount), decimals }], multiplierAt(this.policy.multipliers, at).units);
  }

  /** Two token amounts on one chain differ by no more than the tolerance, in shares. */
  close(chainId: number, a: bigint, b: bigint, at: string): boolean {
    return this.sharesOf(chainId, a - b, at) <= this.rules.tolerance;
  }

  freeTrades(side: TradeToSettle['side']): TradeToSettle[] {
    return this.trades.filter((t) => !this.usedTrades.has(t.tradeId) && t.side === side);
  }
}

/** 1. The trade behind a request: the one it names (by trade id), else one of the same side and size, closest in time. */
function tradeForRequest(pass: Pass, request: IssuanceRequestToMatch): TradeToSettle | undefined {
  const fitting = pass.freeTrades(SIDE[DIRECTION[request.kind]]);
  const named = fitting.find((t) => t.tradeId === request.tradeId);
  if (named) return named;
  const requestedMs = instantMs(request.requestedAt, 'requestedAt');
  const shares = pass.sharesOf(request.chainId, request.amount, request.requestedAt);
  const distance = (t: TradeToSettle) => Math.abs(dayStartMs(t.tradeDate, 'tradeDate') - requestedMs);
  return firstBy(
    fitting.filter((t) => abs(parseShares(t.quantity) - shares) <= pass.rules.tolerance && distance(t) <= pass.rules.windowMs + DAY_MS),
    (t) => [distance(t), t.tradeId]);
}

/** Whether a chain event can go (in full or as a part) to a request that still has something to come. */
function takes(pass: Pass, book: Book, t: ChainMintBurn): boolean {
  const remaining = book.request.amount - book.onChain;
  return DIRECTION[book.request.kind] === t.direction && book.request.chainId === t.chainId
    && !pass.close(t.chainId, remaining, 0n, t.blockTime) && (t.amount <= remaining || pass.close(t.chainId, t.amount, remaining, t.blockTime));
}

/** 2. The request of a chain event: the one it names, else one in the window, the one it completes first. */
function requestFor(pass: Pass, books: readonly Book[], t: ChainMintBurn): Book | undefined {
  const named = books.find((book) => book.request.requestId === t.requestId && takes(pass, book, t));
  if (named) return named;
  const atMs = instantMs(t.blockTime, 'blockTime');
  const requestedMs = (book: Book) => instantMs(book.request.requestedAt, 'requestedAt');
  const inWindow = (book: Book) => atMs >= requestedMs(book) - pass.rules.windowMs && (book.windowEndsMs === undefined || atMs <= book.windowEndsMs);
  return firstBy(
    books.filter((book) => takes(pass, book, t) && inWindow(book)),
    (book) => [pass.close(t.chainId, book.request.amount - book.onChain, t.amount, t.blockTime) ? 0 : 1, requestedMs(book), book.request.requestId]);
}

/** 3. Failing a request, a trade of the event's size around its block time. */
function tradeForTransfer(pass: Pass, t: ChainMintBurn): TradeToSettle | undefined {
  const atMs = instantMs(t.blockTime, 'blockTime');
  const shares = pass.sharesOf(t.chainId, t.amount, t.blockTime);
  const { tolerance, windowMs } = pass.rules;
  return firstBy(
    pass.freeTrades(SIDE[t.direction]).filter((trade) => abs(parseShares(trade.quantity) - shares) <= tolerance
      && atMs >= dayStartMs(trade.tradeDate, 'tradeDate') - windowMs && atMs <= dayStartMs(trade.tradeDate, 'tradeDate') + DAY_MS + windowMs),
    (trade) => [trade.tradeDate, trade.tradeId]);
}

function resultOf(pass: Pass, { windowEndsMs, ...book }: Book): RequestMatch {
  const { request } = book;
  const remaining = request.amount - book.onChain;
  const complete = remaining <= 0n || pass.close(request.chainId, remaining, 0n, request.requestedAt);
  const window = windowEndsMs === undefined ? {} : { windowEndsAt: isoOf(windowEndsMs) };
  return { ...book, remaining, complete, ...window, expired: !complete && windowEndsMs !== undefined && pass.rules.nowMs > windowEndsMs };
}

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
  const pass = new Pass(trades, policy);
  const books: Book[] = orderBy(requests, (r) => [instantMs(r.requestedAt, 'requestedAt'), r.requestId]).map((request) => {
    const trade = tradeForRequest(pass, request);
    if (trade) pass.usedTrades.add(trade.tradeId);
    return { request, ...(trade ? { trade } : {}), transfers: [], onChain: 0n, windowEndsMs: pass.windowEndOf(request, trade) };
  });
  const matched: { transfer: ChainMintBurn; requestId?: string; tradeId?: string }[] = [];
  const left: Unmatched<ChainMintBurn>[] = [];
  for (const transfer of orderBy(transfers, (t) => [instantMs(t.blockTime, 'blockTime'), transferKey(t)])) {
    const book = requestFor(pass, books, transfer);
    const trade = book ? undefined : tradeForTransfer(pass, transfer);
    if (book) {
      book.transfers.push(transfer);
      book.onChain += transfer.amount;
      matched.push({ transfer, requestId: book.request.requestId });
    } else if (trade) {
      pass.usedTrades.add(trade.tradeId);
      matched.push({ transfer, tradeId: trade.tradeId });
    } else {
      const shares = formatShares(pass.sharesOf(transfer.chainId, transfer.amount, transfer.blockTime));
      const kind = transfer.direction === 'burn' ? 'redemption' : 'issuance';
      const reason = `no ${kind} request on chain ${transfer.chainId} and no ${SIDE[transfer.direction]} trade of ${shares} shares within the window`;
      left.push(unmatched(transfer, reason, instantMs(transfer.blockTime, 'blockTime') + pass.rules.windowMs, pass.rules.nowMs));
    }
  }
  return { requests: books.map((book) => resultOf(pass, book)), matched, unmatched: left };
}
