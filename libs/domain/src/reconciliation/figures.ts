import { multiplierAt, MultiplierInEffect, tokensToShares } from '../matching/quantities';
import { SettlementMatching, TradeSettlementStatus } from '../matching/settlement-matching';
import { dayStartMs, instantMs, isoOf } from '../matching/time';
import { SHARE_SCALE } from '../shared/fixed-point';
import { Holdings, holdingsOf } from './holdings';
import { AssetSnapshot, ChainSupply, TradeFacts } from './snapshot';

/**
 * The figures of the core invariant (docs/reconciliation.md) for one asset at one instant. The collateral rules
 * judge them and the read models show them: one computation, so the dashboard and the exceptions
 * can never disagree.
 *
 * required = Σ chains supply / 10^decimals × multiplier in effect at `now` (rounded once, up: see
 * quantities.ts); held = custody + pending buys − pending sells (holdings.ts).
 */
export interface CollateralFigures extends Holdings {
  readonly multiplier: MultiplierInEffect;
  readonly required: bigint;
  /** held − required, exact at 18 decimals. */
  readonly difference: bigint;
  /** held / required in units of 10^-18, truncated toward zero; absent when nothing is required. */
  readonly ratio?: bigint;
}

export function collateralFiguresOf(snapshot: AssetSnapshot, settlements: SettlementMatching, now: string): CollateralFigures {
  const multiplier = multiplierAt(snapshot.multipliers, now);
  const required = tokensToShares(snapshot.chains.map(({ supply, decimals }) => ({ amount: supply, decimals })), multiplier.units);
  const holdings = holdingsOf(snapshot.positions, settlements.trades);
  const ratio = required === 0n ? {} : { ratio: (holdings.held * 10n ** BigInt(SHARE_SCALE)) / required };
  return { ...holdings, multiplier, required, difference: holdings.held - required, ...ratio };
}

/**
 * Where a trade stands, as the back office reads it: the custodian's failure notice shows until
 * something settles; SETTLED_BY_STATEMENT is settled with a holdings statement as its only evidence
 * for some of it (its confirmation is missing).
 */
export type SettlementState = 'PENDING' | 'PARTIALLY_SETTLED' | 'SETTLED' | 'SETTLED_BY_STATEMENT' | 'FAILED';

export interface TradeFigures {
  readonly status: TradeSettlementStatus;
  readonly state: SettlementState;
}

function settlementStateOf(status: TradeSettlementStatus, trade: TradeFacts | undefined): SettlementState {
  if (status.status === 'settled') return status.confirmations.some((c) => c.byStatement) ? 'SETTLED_BY_STATEMENT' : 'SETTLED';
  if (status.status === 'partially-settled') return 'PARTIALLY_SETTLED';
  return trade && trade.failures.length > 0 ? 'FAILED' : 'PENDING';
}

/** Everything the read models show of one asset, computed by the same rules that raise its breaks. */
export interface AssetFigures {
  readonly assetId: string;
  /** The instant the figures are judged at. */
  readonly now: string;
  readonly collateral: CollateralFigures;
  readonly chains: readonly ChainSupply[];
  readonly trades: readonly TradeFigures[];
  /** The latest business time behind the figures: chains' last block times and statement dates (midnight UTC). */
  readonly asOf?: string;
}

export function assetFiguresOf(snapshot: AssetSnapshot, settlements: SettlementMatching, now: string): AssetFigures {
  const trades = new Map(snapshot.trades.map((t) => [t.tradeId, t]));
  const times = [
    ...snapshot.chains.filter((c) => c.asOfBlock > 0).map((c) => instantMs(c.asOfTime, 'asOfTime')),
    ...snapshot.positions.map((p) => dayStartMs(p.statementDate, 'statementDate')),
  ];
  return {
    assetId: snapshot.assetId,
    now,
    collateral: collateralFiguresOf(snapshot, settlements, now),
    chains: snapshot.chains,
    trades: settlements.trades.map((status) => ({ status, state: settlementStateOf(status, trades.get(status.trade.tradeId)) })),
    ...(times.length > 0 ? { asOf: isoOf(Math.max(...times)) } : {}),
  };
}
