import { AssetRegistered, formatShares, parseShares } from '@recon/domain';
import { BatchWrite, Column, insertRows, returning } from './batch-write';

export interface AssetRow {
  readonly assetId: string;
  readonly isin: string;
  readonly symbol: string;
  readonly name: string;
  /** The initial one; the figures of the facts fold keep it current (figure-rows.ts). */
  readonly multiplier: string;
  readonly registeredAt: string;
}

const ASSET_COLUMNS: ReadonlyArray<Column<AssetRow>> = [
  { name: 'asset_id', type: 'text', value: (r) => r.assetId },
  { name: 'isin', type: 'text', value: (r) => r.isin },
  { name: 'symbol', type: 'text', value: (r) => r.symbol },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'multiplier', type: 'numeric', value: (r) => r.multiplier },
  { name: 'registered_at', type: 'timestamptz', value: (r) => r.registeredAt },
];

/**
 * Registrations are reference data, copied as they are: the first registration of an asset creates
 * its row (the asset decider records one per asset). Then custody lines of the ISIN get the asset.
 */
export async function writeRegistrations(write: BatchWrite, events: readonly AssetRegistered[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ data: d }) => ({
    assetId: d.assetId, isin: d.isin, symbol: d.symbol, name: d.name, registeredAt: d.registeredAt,
    multiplier: formatShares(parseShares(d.initialMultiplier, 'initialMultiplier')),
  }));
  await insertRows(write.manager, write.table('assets'), ASSET_COLUMNS, rows, 'ON CONFLICT (asset_id) DO NOTHING');
  await mapCustodyLinesToRegisteredAssets(write, events);
}

/**
 * Statements may have arrived before the asset (another partition): their lines for its ISIN get the
 * asset now. Two assets on one ISIN: the smallest asset id wins, whichever registration came first, so
 * the batch's registrations count with the smallest id per ISIN (compared by PostgreSQL, as the lookup
 * of new lines is).
 */
async function mapCustodyLinesToRegisteredAssets(write: BatchWrite, registrations: readonly AssetRegistered[]): Promise<void> {
  const positions = write.table('custody_positions');
  await returning(write.manager,
    `WITH registered AS (SELECT isin, min(asset_id) AS asset_id FROM unnest($1::text[], $2::text[]) AS r(asset_id, isin) GROUP BY isin),
          old AS (SELECT p.custodian, p.account, p.isin, registered.asset_id AS new_asset_id
                  FROM ${positions} p JOIN registered ON p.isin = registered.isin
                  WHERE p.asset_id IS NULL OR p.asset_id > registered.asset_id FOR UPDATE OF p)
     UPDATE ${positions} p SET asset_id = old.new_asset_id FROM old
     WHERE p.custodian = old.custodian AND p.account = old.account AND p.isin = old.isin`,
    [registrations.map((e) => e.data.assetId), registrations.map((e) => e.data.isin)],
  );
}
