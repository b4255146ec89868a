import type { EntityManager } from 'typeorm';
import { Column, insertRows, setFromExcluded } from './batch-write';
import { CollateralFigures, computeCollateralization } from './collateralization';

/** What the figures of one asset are computed from, gathered by one query. */
interface CollateralFacts {
  asset_id: string;
  multiplier: string;
  /** Per chain (any order): supply in base units, decimals (null until the deployment is known). */
  supplies: string[] | null;
  decimals: Array<number | null> | null;
  supply_as_of: Date | null;
  held: string;
  held_as_of: Date | null;
  pending_buy: string;
  pending_sell: string;
}

type CollateralWrite = CollateralFigures & { readonly assetId: string; readonly asOf: string | null };

const COLLATERAL_COLUMNS: ReadonlyArray<Column<CollateralWrite>> = [
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'required_shares', type: 'numeric', value: (r) => r.requiredShares },
  { name: 'held_shares', type: 'numeric', value: (r) => r.heldShares },
  { name: 'pending_buy', type: 'numeric', value: (r) => r.pendingBuy },
  { name: 'pending_sell', type: 'numeric', value: (r) => r.pendingSell },
  { name: 'difference', type: 'numeric', value: (r) => r.difference },
  { name: 'ratio', type: 'text', value: (r) => r.ratio },
  { name: 'as_of', type: 'timestamptz', value: (r) => r.asOf },
];

/**
 * Recomputes collateralization of the given assets from the other tables (held counts SETTLED-basis
 * statements only; pending = remaining of trades not settled and not cancelled). as_of is the latest
 * business time behind the figures (block time of the supply, statement date of the positions), so
 * the row is a function of the facts, not of when or in which batch they were processed. Two
 * statements whatever the number of assets: one reads the facts, one writes the rows; and one more
 * writes the same figures as the assets' `collateralization_history` rows of `day`.
 *
 * History: `day` is the UTC day on which the events being applied were recorded (their recordedAt,
 * stored with each event, so a replay writes the same rows). A day's row holds the figures after the
 * last event of that day which touched the asset: the figures as the system knew them at the end of
 * that day. The projection applies each day's events as a sub-batch of its own, so the rows do not
 * depend on how the events were split into batches.
 */
export async function refreshCollateralization(m: EntityManager, table: (name: string) => string, assetIds: readonly string[], day: string): Promise<void> {
  const facts: CollateralFacts[] = await m.query(
    `SELECT a.asset_id, a.multiplier::text AS multiplier, s.supplies, s.decimals, s.as_of AS supply_as_of,
            coalesce(h.quantity, '0') AS held, h.as_of AS held_as_of, coalesce(p.buy, '0') AS pending_buy, coalesce(p.sell, '0') AS pending_sell
     FROM ${table('assets')} a
     CROSS JOIN LATERAL (SELECT array_agg(supply::text) AS supplies, array_agg(decimals) AS decimals, max(as_of) AS as_of
                         FROM ${table('token_supply')} WHERE asset_id = a.asset_id) s
     CROSS JOIN LATERAL (SELECT sum(quantity)::text AS quantity, (max(statement_date)::timestamp AT TIME ZONE 'UTC') AS as_of
                         FROM ${table('custody_positions')} WHERE asset_id = a.asset_id AND basis = 'SETTLED') h
     CROSS JOIN LATERAL (SELECT (sum(remaining) FILTER (WHERE side = 'BUY'))::text AS buy, (sum(remaining) FILTER (WHERE side = 'SELL'))::text AS sell
                         FROM ${table('pending_settlements')}
                         WHERE asset_id = a.asset_id AND status IN ('PENDING', 'PARTIALLY_SETTLED', 'FAILED')) p
     WHERE a.asset_id = ANY($1::text[])`,
    [assetIds],
  );
  const rows = facts.map((f): CollateralWrite => {
    const figures = computeCollateralization({
      multiplier: f.multiplier,
      chains: (f.supplies ?? []).map((supply, i) => ({ supply, decimals: f.decimals?.[i] ?? null })),
      custodyHeld: f.held,
      pendingBuy: f.pending_buy,
      pendingSell: f.pending_sell,
    });
    const times = [f.supply_as_of, f.held_as_of].filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
    return { assetId: f.asset_id, ...figures, asOf: times.length ? new Date(Math.max(...times)).toISOString() : null };
  });
  await insertRows(m, table('collateralization'), COLLATERAL_COLUMNS, rows,
    `ON CONFLICT (asset_id) DO UPDATE SET ${setFromExcluded(COLLATERAL_COLUMNS.slice(1).map((c) => c.name))}`);
  await insertRows(m, table('collateralization_history'), [...COLLATERAL_COLUMNS, { name: 'recorded_date', type: 'date', value: () => day }], rows,
    `ON CONFLICT (asset_id, recorded_date) DO UPDATE SET ${setFromExcluded(COLLATERAL_COLUMNS.slice(1).map((c) => c.name))}`);
}
