import { AssetRegistered, formatShares, MultiplierChanged, parseShares } from '@recon/domain';
import { BatchWrite, Column, insertRows, returning, unnestRows } from './batch-write';

export type AssetEvent = AssetRegistered | MultiplierChanged;

/** The mutable columns of an `assets` row, multiplier as PostgreSQL prints numeric(48,18). */
export interface AssetColumns {
  readonly isin: string;
  readonly symbol: string;
  readonly name: string;
  readonly multiplier: string;
}

export interface AssetWrite extends AssetColumns {
  readonly assetId: string;
  /** Set for a row the batch creates; an existing row keeps its registration time. */
  readonly registeredAt?: string;
}

/**
 * The rows the batch's asset events leave, folded in event order over the rows as they were, with the
 * effect one statement per event has: a registration creates the row, or on a known asset replaces
 * isin, symbol and name (multiplier and registration time stay); a multiplier change updates a known
 * asset and does nothing to an unknown one. Only rows that change are returned.
 */
export function foldAssets(current: ReadonlyMap<string, AssetColumns>, events: readonly AssetEvent[]): AssetWrite[] {
  const rows = new Map<string, AssetWrite>();
  const changed = new Set<string>();
  for (const event of events) {
    const id = event.data.assetId;
    const row = rows.get(id) ?? (current.has(id) ? { assetId: id, ...current.get(id)! } : undefined);
    if (event.type === 'AssetRegistered') {
      const d = event.data;
      const multiplier = formatShares(parseShares(d.initialMultiplier, 'initialMultiplier'));
      rows.set(id, row
        ? { ...row, isin: d.isin, symbol: d.symbol, name: d.name }
        : { assetId: id, isin: d.isin, symbol: d.symbol, name: d.name, multiplier, registeredAt: d.registeredAt });
      changed.add(id);
    } else {
      const multiplier = formatShares(parseShares(event.data.newMultiplier, 'newMultiplier'));
      if (!row) continue;
      rows.set(id, { ...row, multiplier });
      changed.add(id);
    }
  }
  return [...changed].map((id) => rows.get(id)!);
}

const ASSET_COLUMNS: ReadonlyArray<Column<AssetWrite>> = [
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'isin', type: 'text', value: (r) => r.isin },
  { name: 'symbol', type: 'text', value: (r) => r.symbol },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'multiplier', type: 'numeric', value: (r) => r.multiplier },
];

/** Applies the batch's registrations and multiplier changes, then maps custody lines to newly registered assets. */
export async function writeAssets(write: BatchWrite, events: readonly AssetEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { manager: m } = write;
  const ids = [...new Set(events.map((e) => e.data.assetId))];
  const existing: Array<AssetColumns & { asset_id: string }> = await m.query(
    `SELECT asset_id, isin, symbol, name, multiplier::text AS multiplier FROM ${write.table('assets')} WHERE asset_id = ANY($1::text[])`,
    [ids],
  );
  const current = new Map(existing.map(({ asset_id, isin, symbol, name, multiplier }) => [asset_id, { isin, symbol, name, multiplier }]));
  const rows = foldAssets(current, events);
  const created = rows.filter((row) => row.registeredAt !== undefined);
  const updated = rows.filter((row) => row.registeredAt === undefined);
  await insertRows(m, write.table('assets'), [...ASSET_COLUMNS, { name: 'registered_at', type: 'timestamptz', value: (r) => r.registeredAt }], created);
  if (updated.length > 0) {
    const source = unnestRows(ASSET_COLUMNS, updated, 'u');
    await m.query(
      `UPDATE ${write.table('assets')} a SET isin = u.isin, symbol = u.symbol, name = u.name, multiplier = u.multiplier
       FROM ${source.sql} WHERE a.asset_id = u.asset_id`,
      source.params,
    );
  }
  const registrations = events.filter((e): e is AssetRegistered => e.type === 'AssetRegistered');
  await mapCustodyLinesToRegisteredAssets(write, registrations);
}

/**
 * Statements may have arrived before the asset (another partition): their lines for its ISIN get the
 * asset now. Two assets on one ISIN: the smallest asset id wins, whichever registration came first, so
 * the batch's registrations count with the smallest id per ISIN (compared by PostgreSQL, as the lookup
 * of new lines is). The assets a line leaves are touched too.
 */
async function mapCustodyLinesToRegisteredAssets(write: BatchWrite, registrations: readonly AssetRegistered[]): Promise<void> {
  if (registrations.length === 0) return;
  const positions = write.table('custody_positions');
  const remapped = await returning<{ previous: string | null }>(write.manager,
    `WITH registered AS (SELECT isin, min(asset_id) AS asset_id FROM unnest($1::text[], $2::text[]) AS r(asset_id, isin) GROUP BY isin),
          old AS (SELECT p.custodian, p.account, p.isin, p.asset_id, registered.asset_id AS new_asset_id
                  FROM ${positions} p JOIN registered ON p.isin = registered.isin
                  WHERE p.asset_id IS NULL OR p.asset_id > registered.asset_id FOR UPDATE OF p)
     UPDATE ${positions} p SET asset_id = old.new_asset_id FROM old
     WHERE p.custodian = old.custodian AND p.account = old.account AND p.isin = old.isin RETURNING old.asset_id AS previous`,
    [registrations.map((e) => e.data.assetId), registrations.map((e) => e.data.isin)],
  );
  for (const row of remapped) if (row.previous) write.touched.add(row.previous);
}
