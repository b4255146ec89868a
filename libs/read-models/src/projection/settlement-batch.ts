import { formatShares, parseShares, SettlementFailed, TradeAmended, TradeCancelled, TradeExecuted, TradeSettled } from '@recon/domain';
import type { SettlementStatus } from '../schema/entities';
import { BatchWrite, Column, insertRows, setFromExcluded } from './batch-write';

export type SettlementEvent = TradeExecuted | TradeAmended | TradeCancelled | TradeSettled | SettlementFailed;

/** A `pending_settlements` row with its quantities as exact fixed-point units (scale 18). */
export interface SettlementRow {
  readonly tradeId: string;
  readonly assetId: string;
  readonly side: string;
  readonly quantity: bigint;
  readonly settled: bigint;
  readonly remaining: bigint;
  readonly settlementDate: string;
  readonly status: SettlementStatus;
}

/** The row after one event, or the same row when the event does not change it. */
function evolve(row: SettlementRow | undefined, event: SettlementEvent): SettlementRow | undefined {
  switch (event.type) {
    case 'TradeExecuted': {
      const d = event.data;
      const quantity = parseShares(d.quantity);
      if (row) return row; // an execution is recorded once
      return { tradeId: d.tradeId, assetId: d.assetId, side: d.side, quantity, settled: 0n, remaining: quantity, settlementDate: d.settlementDate, status: 'PENDING' };
    }
    case 'TradeAmended': {
      const quantity = parseShares(event.data.quantity);
      return row && { ...row, quantity, remaining: quantity - row.settled, settlementDate: event.data.settlementDate };
    }
    case 'TradeCancelled':
      return row && { ...row, status: 'CANCELLED' };
    case 'TradeSettled': {
      const settled = parseShares(event.data.settledQuantity, 'settledQuantity');
      const remaining = parseShares(event.data.remainingQuantity, 'remainingQuantity');
      return row && { ...row, settled, remaining, status: remaining === 0n ? 'SETTLED' : 'PARTIALLY_SETTLED' };
    }
    case 'SettlementFailed':
      return row && row.status !== 'CANCELLED' ? { ...row, status: 'FAILED' } : row;
  }
}

/**
 * Folds the batch's trade events, in order, over the rows as they were. A trade's events come in
 * stream order, and an amendment, settlement, failure or cancellation of a trade whose execution is
 * not there (yet) changes nothing, as one statement per event would. Returns the rows that changed.
 */
export function foldSettlements(current: ReadonlyMap<string, SettlementRow>, events: readonly SettlementEvent[]): SettlementRow[] {
  const rows = new Map(current);
  const changed = new Set<string>();
  for (const event of events) {
    const before = rows.get(event.data.tradeId);
    const after = evolve(before, event);
    if (after === before || !after) continue;
    rows.set(after.tradeId, after);
    changed.add(after.tradeId);
  }
  return [...changed].map((id) => rows.get(id)!);
}

const SETTLEMENT_COLUMNS: ReadonlyArray<Column<SettlementRow>> = [
  { name: 'trade_id', type: 'text', value: (r) => r.tradeId },
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'side', type: 'text', value: (r) => r.side },
  { name: 'quantity', type: 'numeric', value: (r) => formatShares(r.quantity) },
  { name: 'settled', type: 'numeric', value: (r) => formatShares(r.settled) },
  { name: 'remaining', type: 'numeric', value: (r) => formatShares(r.remaining) },
  { name: 'settlement_date', type: 'date', value: (r) => r.settlementDate },
  { name: 'status', type: 'text', value: (r) => r.status },
];

/** Reads the batch's trades, folds their events in memory and writes each changed row once. */
export async function writeSettlements(write: BatchWrite, events: readonly SettlementEvent[]): Promise<void> {
  if (events.length === 0) return;
  const table = write.table('pending_settlements');
  const existing: Array<{ trade_id: string; asset_id: string; side: string; quantity: string; settled: string; remaining: string; settlement_date: string; status: SettlementStatus }> =
    await write.manager.query(
      `SELECT trade_id, asset_id, side, quantity::text AS quantity, settled::text AS settled, remaining::text AS remaining,
              to_char(settlement_date, 'YYYY-MM-DD') AS settlement_date, status
       FROM ${table} WHERE trade_id = ANY($1::text[])`,
      [[...new Set(events.map((e) => e.data.tradeId))]],
    );
  const current = new Map(existing.map((r): [string, SettlementRow] => [r.trade_id, {
    tradeId: r.trade_id, assetId: r.asset_id, side: r.side, quantity: parseShares(r.quantity), settled: parseShares(r.settled),
    remaining: parseShares(r.remaining), settlementDate: r.settlement_date, status: r.status,
  }]));
  await insertRows(write.manager, table, SETTLEMENT_COLUMNS, foldSettlements(current, events),
    `ON CONFLICT (trade_id) DO UPDATE SET ${setFromExcluded(['quantity', 'settled', 'remaining', 'settlement_date', 'status'])}`);
}
