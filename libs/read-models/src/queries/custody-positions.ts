import type { PositionSubBalance } from '@recon/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';
import { AsOfReplay, withBitemporalReplay } from './bitemporal-replay';
import { trimDecimal } from './collateralization-queries';

/** One ISIN an account holds, as its current statement states it, with the breakdown and the pages it comes from. */
export interface PositionView {
  readonly isin: string;
  /** The asset the ISIN maps to, null for an instrument no asset is registered for. */
  readonly assetId: string | null;
  /** The holding (93B::AGGR, AggtBal), summed over the statement's lines of the ISIN: decimal string. */
  readonly aggregate: string;
  /** Null when the statement did not state it for every line of the ISIN. */
  readonly available: string | null;
  readonly notAvailable: string | null;
  readonly subBalances: readonly PositionSubBalance[];
  readonly statementReference: string;
  readonly statementDate: string;
  /** Ids of the statement pages (documents) that state the line, and the events that recorded them. */
  readonly sourceDocuments: readonly string[];
  readonly eventIds: readonly string[];
}

export interface AccountPositionsView {
  readonly custodian: string;
  readonly account: string;
  readonly statementReference: string;
  readonly statementDate: string;
  readonly basis: string;
  /** COMPLETE or DELTA; null on rows written before the breakdown was kept (until a rebuild). */
  readonly completeness: string | null;
  readonly allPagesReceived: boolean | null;
  readonly positions: readonly PositionView[];
}

interface AccountRow {
  statement_reference: string;
  statement_date: string;
  basis: string;
  completeness: string | null;
  all_pages_received: boolean | null;
}

interface PositionRow {
  isin: string;
  asset_id: string | null;
  quantity: string;
  available: string | null;
  not_available: string | null;
  sub_balances: PositionSubBalance[];
  statement_reference: string;
  statement_date: string;
  statement_ids: string[];
  event_ids: string[];
}

export interface CustodyAccountView {
  readonly custodian: string;
  readonly account: string;
  readonly statementReference: string;
  readonly statementDate: string;
}

/** Every account with a statement that counts, by custodian and account. */
export async function custodyAccounts(db: DataSource | EntityManager, schema: string): Promise<CustodyAccountView[]> {
  const s = `"${assertReadModelSchema(schema)}"`;
  const rows: Array<{ custodian: string; account: string; statement_reference: string; statement_date: string }> = await db.query(
    `SELECT custodian, account, statement_reference, to_char(statement_date, 'YYYY-MM-DD') AS statement_date
     FROM ${s}.custody_accounts ORDER BY custodian COLLATE "C", account COLLATE "C"`,
  );
  return rows.map((row) => ({ custodian: row.custodian, account: row.account, statementReference: row.statement_reference, statementDate: row.statement_date }));
}

const decimalOrNull = (text: string | null): string | null => (text === null ? null : trimDecimal(text));

/**
 * The positions of one custody account from the read models (custody_accounts, custody_positions,
 * written from the facts fold's holdings), ISINs in order; undefined when no statement counts for it.
 */
export async function accountPositions(db: DataSource | EntityManager, schema: string, custodian: string, account: string): Promise<AccountPositionsView | undefined> {
  const s = `"${assertReadModelSchema(schema)}"`;
  const [header]: AccountRow[] = await db.query(
    `SELECT statement_reference, to_char(statement_date, 'YYYY-MM-DD') AS statement_date, basis, completeness, all_pages_received
     FROM ${s}.custody_accounts WHERE custodian = $1 AND account = $2`,
    [custodian, account],
  );
  if (!header) return undefined;
  const rows: PositionRow[] = await db.query(
    `SELECT isin, asset_id, quantity::text AS quantity, available::text AS available, not_available::text AS not_available, sub_balances,
       statement_reference, to_char(statement_date, 'YYYY-MM-DD') AS statement_date, statement_ids, event_ids
     FROM ${s}.custody_positions WHERE custodian = $1 AND account = $2 ORDER BY isin COLLATE "C"`,
    [custodian, account],
  );
  return {
    custodian, account, statementReference: header.statement_reference, statementDate: header.statement_date, basis: header.basis,
    completeness: header.completeness, allPagesReceived: header.all_pages_received,
    positions: rows.map((row) => ({
      isin: row.isin, assetId: row.asset_id, aggregate: trimDecimal(row.quantity),
      available: decimalOrNull(row.available), notAvailable: decimalOrNull(row.not_available), subBalances: row.sub_balances,
      statementReference: row.statement_reference, statementDate: row.statement_date, sourceDocuments: row.statement_ids, eventIds: row.event_ids,
    })),
  };
}

/**
 * The positions of an account as they stood at an instant: the events whose business time is at or
 * before it (a statement counts from its statement date, or date and time when given with an offset) and that the store had recorded by
 * `knownAt` when given, replayed through the live projection code, so through the same facts fold,
 * into a schema of its own that is dropped afterwards.
 */
export async function accountPositionsAsOf(
  replay: AsOfReplay,
  cut: { readonly asOf: string; readonly knownAt?: string },
  custodian: string,
  account: string,
): Promise<AccountPositionsView | undefined> {
  // The replay's business time is exclusive; one millisecond on makes the instant itself count.
  const businessTime = new Date(Date.parse(cut.asOf) + 1).toISOString();
  return withBitemporalReplay(replay, { businessTime, ...(cut.knownAt === undefined ? {} : { knownAt: cut.knownAt }) },
    ({ dataSource, schema }) => accountPositions(dataSource, schema, custodian, account));
}
