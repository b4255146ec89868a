import type { DataSource, EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';
import { trimDecimal } from './collateralization-queries';

/** One asset's figures at the end of one day; null figures before anything was known about it. */
export interface CollateralizationHistoryPoint {
  readonly date: string;
  /** The day of the history row the figures come from: `date` itself, or the last earlier day something changed. */
  readonly recordedDate: string | null;
  readonly requiredShares: string | null;
  readonly heldShares: string | null;
  readonly pendingBuy: string | null;
  readonly pendingSell: string | null;
  readonly difference: string | null;
  readonly ratio: string | null;
  /** Business time of the latest fact behind the figures. */
  readonly asOf: string | null;
}

export interface CollateralizationHistory {
  readonly assetId: string;
  readonly symbol: string;
  readonly points: readonly CollateralizationHistoryPoint[];
}

/**
 * Every day from `from` to `to` (inclusive, YYYY-MM-DD) for every asset (or one): the figures as the
 * system knew them at the end of that day, read from `collateralization_history`. A day without a row
 * carries the last earlier row forward (no event that day changed the figures). One statement; the
 * cost grows with assets × days, never with the number of events.
 */
export async function collateralizationHistory(
  db: DataSource | EntityManager,
  schema: string,
  range: { readonly from: string; readonly to: string; readonly assetId?: string },
): Promise<CollateralizationHistory[]> {
  const s = `"${assertReadModelSchema(schema)}"`;
  const rows = (await db.query(
    `SELECT a.asset_id, a.symbol, to_char(d.day, 'YYYY-MM-DD') AS date, to_char(h.recorded_date, 'YYYY-MM-DD') AS recorded_date,
            h.required_shares::text AS required, h.held_shares::text AS held, h.pending_buy::text AS pending_buy,
            h.pending_sell::text AS pending_sell, h.difference::text AS difference, h.ratio, h.as_of
       FROM ${s}.assets a
      CROSS JOIN generate_series($1::date, $2::date, interval '1 day') AS d(day)
       LEFT JOIN LATERAL (SELECT * FROM ${s}.collateralization_history x
                           WHERE x.asset_id = a.asset_id AND x.recorded_date <= d.day::date
                           ORDER BY x.recorded_date DESC LIMIT 1) h ON true
      ${range.assetId === undefined ? '' : 'WHERE a.asset_id = $3'}
      ORDER BY a.asset_id COLLATE "C", d.day`,
    range.assetId === undefined ? [range.from, range.to] : [range.from, range.to, range.assetId],
  )) as Array<Record<string, string | Date | null>>;
  const byAsset = new Map<string, { assetId: string; symbol: string; points: CollateralizationHistoryPoint[] }>();
  for (const row of rows) {
    const assetId = row.asset_id as string;
    const entry = byAsset.get(assetId) ?? { assetId, symbol: row.symbol as string, points: [] };
    byAsset.set(assetId, entry);
    const figure = (value: string | Date | null): string | null => (value === null ? null : trimDecimal(value as string));
    entry.points.push({
      date: row.date as string,
      recordedDate: row.recorded_date as string | null,
      requiredShares: figure(row.required),
      heldShares: figure(row.held),
      pendingBuy: figure(row.pending_buy),
      pendingSell: figure(row.pending_sell),
      difference: figure(row.difference),
      ratio: row.ratio as string | null,
      asOf: row.as_of === null ? null : new Date(row.as_of).toISOString(),
    });
  }
  return [...byAsset.values()];
}
