import { AssetFigures, ChainSupply, formatFixed, formatShares, MULTIPLIER_SCALE, TradeFigures } from '@recon/domain';
import { BatchWrite, Column, insertRows, setFromExcluded } from './batch-write';

/**
 * The read-model rows of each asset's figures, as the facts fold computed them (the domain's
 * `assessAsset`): collateralization and its history, supply per chain, pending settlements and the
 * multiplier in effect. Nothing here computes a figure; it only lays them out as rows.
 *
 * History: `day` is the UTC day on which the events being applied were recorded (their recordedAt,
 * stored with each event, so a replay writes the same rows). A day's row holds the figures after the
 * last event of that day which touched the asset: the projection applies each day's events as a
 * sub-batch of its own, so the rows do not depend on how the events were split into batches.
 */
export async function writeFigures(write: BatchWrite, figures: readonly AssetFigures[], day: string): Promise<void> {
  if (figures.length === 0) return;
  await writeCollateralization(write, figures, day);
  await writeSupply(write, figures);
  await writeSettlements(write, figures);
  await writeMultipliers(write, figures);
}

const collateralRow = (f: AssetFigures) => ({
  assetId: f.assetId,
  required: formatShares(f.collateral.required),
  held: formatShares(f.collateral.held),
  pendingBuy: formatShares(f.collateral.pendingBuy),
  pendingSell: formatShares(f.collateral.pendingSell),
  difference: formatShares(f.collateral.difference),
  ratio: f.collateral.ratio === undefined ? null : formatShares(f.collateral.ratio),
  asOf: f.asOf ?? null,
});
type CollateralRow = ReturnType<typeof collateralRow>;

const COLLATERAL_COLUMNS: ReadonlyArray<Column<CollateralRow>> = [
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'required_shares', type: 'numeric', value: (r) => r.required },
  { name: 'held_shares', type: 'numeric', value: (r) => r.held },
  { name: 'pending_buy', type: 'numeric', value: (r) => r.pendingBuy },
  { name: 'pending_sell', type: 'numeric', value: (r) => r.pendingSell },
  { name: 'difference', type: 'numeric', value: (r) => r.difference },
  { name: 'ratio', type: 'text', value: (r) => r.ratio },
  { name: 'as_of', type: 'timestamptz', value: (r) => r.asOf },
];
const COLLATERAL_UPDATE = setFromExcluded(COLLATERAL_COLUMNS.slice(1).map((c) => c.name));

async function writeCollateralization(write: BatchWrite, figures: readonly AssetFigures[], day: string): Promise<void> {
  const rows = figures.map(collateralRow);
  await insertRows(write.manager, write.table('collateralization'), COLLATERAL_COLUMNS, rows, `ON CONFLICT (asset_id) DO UPDATE SET ${COLLATERAL_UPDATE}`);
  await insertRows(write.manager, write.table('collateralization_history'), [...COLLATERAL_COLUMNS, { name: 'recorded_date', type: 'date', value: () => day }], rows,
    `ON CONFLICT (asset_id, recorded_date) DO UPDATE SET ${COLLATERAL_UPDATE}`);
}

type SupplyRow = ChainSupply & { readonly assetId: string };

const SUPPLY_COLUMNS: ReadonlyArray<Column<SupplyRow>> = [
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'chain_id', type: 'int', value: (r) => r.chainId },
  { name: 'decimals', type: 'int', value: (r) => r.decimals },
  { name: 'supply', type: 'numeric', value: (r) => r.supply.toString() },
  { name: 'last_block', type: 'bigint', value: (r) => (r.asOfBlock > 0 ? r.asOfBlock : null) },
  { name: 'as_of', type: 'timestamptz', value: (r) => (r.asOfBlock > 0 ? r.asOfTime : null) },
  { name: 'total_supply', type: 'numeric', value: (r) => r.totalSupplyReading?.amount.toString() ?? null },
  { name: 'confirmed_block', type: 'bigint', value: (r) => r.totalSupplyReading?.blockNumber ?? null },
  { name: 'confirmed_at', type: 'timestamptz', value: (r) => r.totalSupplyReading?.readAt ?? null },
];

/** One row per deployed chain of each asset: a chain never leaves an asset, so rows are only ever upserted. */
async function writeSupply(write: BatchWrite, figures: readonly AssetFigures[]): Promise<void> {
  const rows = figures.flatMap((f) => f.chains.map((chain) => ({ ...chain, assetId: f.assetId })));
  await insertRows(write.manager, write.table('token_supply'), SUPPLY_COLUMNS, rows,
    `ON CONFLICT (asset_id, chain_id) DO UPDATE SET ${setFromExcluded(SUPPLY_COLUMNS.slice(2).map((c) => c.name))}`);
}

type SettlementRow = TradeFigures & { readonly assetId: string };

const SETTLEMENT_COLUMNS: ReadonlyArray<Column<SettlementRow>> = [
  { name: 'trade_id', type: 'text', value: (r) => r.status.trade.tradeId },
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'side', type: 'text', value: (r) => r.status.trade.side },
  { name: 'quantity', type: 'numeric', value: (r) => r.status.trade.quantity },
  { name: 'settled', type: 'numeric', value: (r) => r.status.settled },
  { name: 'remaining', type: 'numeric', value: (r) => r.status.remaining },
  { name: 'settlement_date', type: 'date', value: (r) => r.status.trade.settlementDate },
  { name: 'status', type: 'text', value: (r) => r.state },
];
const SETTLEMENT_UPDATE = setFromExcluded(SETTLEMENT_COLUMNS.slice(2).map((c) => c.name));
const SETTLEMENT_CHANGED = SETTLEMENT_COLUMNS.slice(2).map((c) => `target.${c.name} IS DISTINCT FROM excluded.${c.name}`).join(' OR ');

/**
 * The trades the asset's facts keep (not cancelled, not settled longer ago than retention): each is
 * upserted where it changed, and the asset's rows of trades the facts no longer keep are deleted.
 */
async function writeSettlements(write: BatchWrite, figures: readonly AssetFigures[]): Promise<void> {
  const rows = figures.flatMap((f) => f.trades.map((t) => ({ ...t, assetId: f.assetId })));
  const table = write.table('pending_settlements');
  await write.manager.query(
    `DELETE FROM ${table} p WHERE p.asset_id = ANY($1::text[]) AND NOT (p.trade_id = ANY($2::text[]))`,
    [figures.map((f) => f.assetId), rows.map((r) => r.status.trade.tradeId)],
  );
  await insertRows(write.manager, table, SETTLEMENT_COLUMNS, rows, `ON CONFLICT (trade_id) DO UPDATE SET ${SETTLEMENT_UPDATE} WHERE ${SETTLEMENT_CHANGED}`);
}

/** The multiplier in effect at the figures' instant: what the collateralization was computed with. */
async function writeMultipliers(write: BatchWrite, figures: readonly AssetFigures[]): Promise<void> {
  await write.manager.query(
    `UPDATE ${write.table('assets')} a SET multiplier = u.multiplier FROM unnest($1::text[], $2::numeric[]) AS u(asset_id, multiplier)
     WHERE a.asset_id = u.asset_id AND a.multiplier IS DISTINCT FROM u.multiplier`,
    [figures.map((f) => f.assetId), figures.map((f) => formatFixed(f.collateral.multiplier.units, MULTIPLIER_SCALE))],
  );
}
