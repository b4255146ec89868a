import type { DataSource, EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';

/** An asset's collateralization row as people read it: decimal strings, trailing zeros trimmed. */
export interface CollateralFigures {
  readonly requiredShares: string;
  readonly heldShares: string;
  readonly pendingBuy: string;
  readonly pendingSell: string;
  readonly difference: string;
  readonly ratio: string | null;
}

export interface ChainSupplyView {
  readonly chainId: number;
  readonly decimals: number | null;
  /** uint256 base units. */
  readonly supply: string;
  readonly lastBlock: string | null;
  readonly asOf: string | null;
  /** The chain watcher's latest totalSupply() reading (base units), null for a chain not watched. */
  readonly totalSupply: string | null;
  /** The last block the watcher scanned past its confirmation depth, and its time. */
  readonly lastConfirmedBlock: { readonly number: string; readonly time: string } | null;
}

export interface CollateralizationView extends CollateralFigures {
  readonly assetId: string;
  readonly symbol: string;
  readonly multiplier: string;
  readonly asOf: string | null;
  readonly lastStatementDate: string | null;
  readonly chains: readonly ChainSupplyView[];
  /** The oldest of the chains' last confirmed blocks: the asset's on-chain figures are complete up to it. Null if no chain is watched. */
  readonly lastConfirmedBlock: { readonly chainId: number; readonly number: string; readonly time: string } | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Trailing zeros of numeric(48,18) say nothing: "12.500000000000000000" reads as "12.5". */
export const trimDecimal = (text: string): string => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/** Collateralization of every asset (or one), now, with the per-chain supply it rests on. */
export async function currentCollateralization(db: DataSource | EntityManager, schema: string, assetId?: string): Promise<CollateralizationView[]> {
  const s = `"${assertReadModelSchema(schema)}"`;
  const filter = assetId === undefined ? '' : 'WHERE a.asset_id = $1';
  const params = assetId === undefined ? [] : [assetId];
  const rows = (await db.query(
    `SELECT a.asset_id, a.symbol, a.multiplier::text AS multiplier,
            c.required_shares::text AS required, c.held_shares::text AS held, c.pending_buy::text AS pending_buy,
            c.pending_sell::text AS pending_sell, c.difference::text AS difference, c.ratio, c.as_of,
            (SELECT to_char(max(p.statement_date), 'YYYY-MM-DD') FROM ${s}.custody_positions p WHERE p.asset_id = a.asset_id) AS last_statement
       FROM ${s}.assets a LEFT JOIN ${s}.collateralization c ON c.asset_id = a.asset_id ${filter}
      ORDER BY a.asset_id COLLATE "C"`,
    params,
  )) as Array<Record<string, string | null>>;
  const supplies = (await db.query(
    `SELECT asset_id, chain_id, decimals, supply::text AS supply, last_block::text AS last_block, as_of,
            total_supply::text AS total_supply, confirmed_block::text AS confirmed_block, confirmed_at FROM ${s}.token_supply
      ${assetId === undefined ? '' : 'WHERE asset_id = $1'} ORDER BY asset_id COLLATE "C", chain_id`,
    params,
  )) as Array<{ asset_id: string; chain_id: number; decimals: number | null; supply: string; last_block: string | null; as_of: Date | null;
    total_supply: string | null; confirmed_block: string | null; confirmed_at: Date | null }>;
  const chainsOf = (id: string): ChainSupplyView[] => supplies.filter((supply) => supply.asset_id === id).map((supply) => ({
    chainId: supply.chain_id, decimals: supply.decimals, supply: supply.supply, lastBlock: supply.last_block, asOf: iso(supply.as_of), totalSupply: supply.total_supply,
    lastConfirmedBlock: supply.confirmed_block === null || supply.confirmed_at === null ? null : { number: supply.confirmed_block, time: iso(supply.confirmed_at)! },
  }));
  return rows.map((row) => ({ ...viewOf(row), ...withLastBlock(chainsOf(row.asset_id!)) }));
}

/** The asset's last confirmed block is its least advanced watched chain's: what "on chain up to" can honestly say. */
function withLastBlock(chains: ChainSupplyView[]): Pick<CollateralizationView, 'chains' | 'lastConfirmedBlock'> {
  const watched = chains.flatMap((c) => (c.lastConfirmedBlock ? [{ chainId: c.chainId, ...c.lastConfirmedBlock }] : []));
  const oldest = watched.reduce<(typeof watched)[number] | null>((min, c) => (min === null || Date.parse(c.time) < Date.parse(min.time) ? c : min), null);
  return { chains, lastConfirmedBlock: oldest };
}

function viewOf(row: Record<string, string | null>): Omit<CollateralizationView, 'chains' | 'lastConfirmedBlock'> {
  return {
    assetId: row.asset_id!,
    symbol: row.symbol!,
    multiplier: trimDecimal(row.multiplier!),
    requiredShares: trimDecimal(row.required ?? '0'),
    heldShares: trimDecimal(row.held ?? '0'),
    pendingBuy: trimDecimal(row.pending_buy ?? '0'),
    pendingSell: trimDecimal(row.pending_sell ?? '0'),
    difference: trimDecimal(row.difference ?? '0'),
    ratio: row.ratio ?? null,
    asOf: iso(row.as_of),
    lastStatementDate: row.last_statement ?? null,
  };
}
