import { currentCollateralization, trimDecimal } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import type { AssetReserves, StatementLine } from './report-document';

/**
 * Proof of reserves per asset, read from replayed read models: the collateralization figures, the
 * supply per chain with the last block counted, and the statement positions the held shares rest on.
 */
export async function proofOfReserves(dataSource: DataSource, schema: string, assetId?: string): Promise<AssetReserves[]> {
  const views = await currentCollateralization(dataSource, schema, assetId);
  const rows = (await dataSource.query(
    `SELECT asset_id, custodian, account, to_char(statement_date, 'YYYY-MM-DD') AS statement_date, statement_reference,
            quantity::text AS quantity, basis
       FROM "${schema}".custody_positions WHERE asset_id IS NOT NULL ${assetId === undefined ? '' : 'AND asset_id = $1'}
      ORDER BY asset_id COLLATE "C", custodian COLLATE "C", account COLLATE "C", isin COLLATE "C"`,
    assetId === undefined ? [] : [assetId],
  )) as Array<Record<string, string>>;
  return views.map((view) => ({
    assetId: view.assetId,
    symbol: view.symbol,
    multiplier: view.multiplier,
    requiredShares: view.requiredShares,
    heldShares: view.heldShares,
    pendingBuy: view.pendingBuy,
    pendingSell: view.pendingSell,
    difference: view.difference,
    ratio: view.ratio,
    lastStatementDate: view.lastStatementDate,
    chains: view.chains.map((chain) => ({ ...chain })),
    statements: rows
      .filter((row) => row.asset_id === view.assetId)
      .map((row): StatementLine => ({
        custodian: row.custodian!, account: row.account!, statementDate: row.statement_date!, statementReference: row.statement_reference!,
        quantity: trimDecimal(row.quantity!), basis: row.basis!,
      })),
  }));
}
