import type { RecordedEvent } from '@recon/event-store';

/** The figures of a proof-of-reserves line a trace can start from. */
export const TRACEABLE_FIGURES = ['requiredShares', 'heldShares', 'pendingBuy', 'pendingSell', 'difference', 'ratio', 'multiplier', 'supply'] as const;
export type TraceableFigure = (typeof TRACEABLE_FIGURES)[number];

type Source = 'supply' | 'custody' | 'trades';

/** Which kinds of fact each figure is computed from (see libs/read-models collateralization). */
const SOURCES: Readonly<Record<TraceableFigure, readonly Source[]>> = {
  requiredShares: ['supply'],
  supply: ['supply'],
  multiplier: ['supply'],
  heldShares: ['custody', 'trades'],
  pendingBuy: ['trades'],
  pendingSell: ['trades'],
  difference: ['supply', 'custody', 'trades'],
  ratio: ['supply', 'custody', 'trades'],
};

const ASSET_TYPES = new Set(['AssetRegistered', 'TokenDeployed', 'MultiplierChanged', 'CustodyAccountLinked']);
// Supply comes from the issuance workflow's mints and burns and from what the chain watcher observed
// (transfers, their reversal after a reorg, multiplier updates read on chain).
const SUPPLY_TYPES = new Set(['MintedOnChain', 'BurnedOnChain', 'ChainTransferObserved', 'ChainTransferReverted', 'ChainMultiplierObserved']);
const TRADE_TYPES = new Set(['TradeExecuted', 'TradeAmended', 'TradeCancelled', 'TradeSettled', 'SettlementFailed', 'SettlementReversed']);
const CUSTODY_TYPES = new Set(['StatementReceived', 'StatementCancelled', 'StatementPageCancelled', 'CustodyMovementRecorded', 'TransactionsCancelled']);

export interface TracedEvent {
  readonly globalPosition: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly businessTime: string | null;
  /** The message, block or file the fact came from. */
  readonly sourceDocument: string | null;
}

/**
 * Collects, from the events of a replay in `$all` order, the ones a figure of one asset rests on:
 * the asset's own reference data, its mints and burns, its trades, and the custody statements and
 * movements that carry its ISIN.
 */
export class FigureTrace {
  private readonly isins = new Set<string>();
  readonly events: TracedEvent[] = [];
  private readonly sources: ReadonlySet<Source>;

  constructor(readonly assetId: string, readonly figure: TraceableFigure) {
    this.sources = new Set(SOURCES[figure]);
  }

  observe(event: RecordedEvent): void {
    const data = event.data as { assetId?: string; isin?: string; positions?: ReadonlyArray<{ isin: string }> };
    const own = data.assetId === this.assetId;
    if (own && event.type === 'AssetRegistered' && data.isin) this.isins.add(data.isin);
    const relevant =
      (own && ASSET_TYPES.has(event.type)) ||
      (own && SUPPLY_TYPES.has(event.type) && this.sources.has('supply')) ||
      (own && TRADE_TYPES.has(event.type) && this.sources.has('trades')) ||
      (CUSTODY_TYPES.has(event.type) && this.sources.has('custody') && this.touchesIsin(data));
    if (!relevant) return;
    this.events.push({
      globalPosition: event.globalPosition.toString(),
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      recordedAt: event.recordedAt,
      businessTime: event.metadata.businessTime ?? null,
      sourceDocument: event.metadata.sourceDocument ?? null,
    });
  }

  private touchesIsin(data: { isin?: string; positions?: ReadonlyArray<{ isin: string }> }): boolean {
    if (data.isin !== undefined) return this.isins.has(data.isin);
    // A cancellation names no ISIN: it counts when it withdraws a statement that did.
    return data.positions === undefined || data.positions.some((p) => this.isins.has(p.isin));
  }
}
