import { parseShares, StatementCancelled } from '@recon/domain';
import { BatchWrite, returning } from './batch-write';
import { writePositions } from './custody-batch';

/** The statement an account's positions came from before its current one, as `custody_accounts.previous` keeps it. */
interface PreviousStatement {
  readonly date: string;
  readonly reference: string;
  readonly basis: string;
  /** ISIN → quantity (decimal text). */
  readonly positions: Readonly<Record<string, string>>;
}

/**
 * Keeps each account's current statement and positions as its previous one, just before the account
 * moves to another statement: what counts again if the new one is cancelled. One level, like the
 * reconciliation facts: the statement before the previous one is not kept.
 */
export async function rememberPrevious(write: BatchWrite, accounts: ReadonlyArray<{ readonly custodian: string; readonly account: string }>): Promise<void> {
  if (accounts.length === 0) return;
  const positions = write.table('custody_positions');
  await write.manager.query(
    `UPDATE ${write.table('custody_accounts')} a
        SET previous = jsonb_build_object('date', to_char(a.statement_date, 'YYYY-MM-DD'), 'reference', a.statement_reference, 'basis', a.basis,
          'positions', (SELECT coalesce(jsonb_object_agg(p.isin, p.quantity::text), '{}'::jsonb) FROM ${positions} p
                         WHERE p.custodian = a.custodian AND p.account = a.account))
       FROM unnest($1::text[], $2::text[]) AS k(custodian, account)
      WHERE a.custodian = k.custodian AND a.account = k.account`,
    [accounts.map((a) => a.custodian), accounts.map((a) => a.account)],
  );
}

/**
 * A cancellation (23G CANC) of the account's current statement: its positions go, and the previous
 * statement's come back (none kept: the account has no statement). A cancelled previous statement is
 * forgotten; any other reference changes nothing here (its pages never counted, or no longer do).
 */
export async function cancelStatement(write: BatchWrite, cancellation: StatementCancelled['data']): Promise<void> {
  const { manager: m } = write;
  const accounts = write.table('custody_accounts');
  const key = [cancellation.custodian, cancellation.account];
  const [row]: Array<{ statement_reference: string; previous: PreviousStatement | null }> = await m.query(
    `SELECT statement_reference, previous FROM ${accounts} WHERE custodian = $1 AND account = $2 FOR UPDATE`, key);
  if (!row) return;
  if (row.statement_reference !== cancellation.statementReference) {
    if (row.previous?.reference === cancellation.statementReference) await m.query(`UPDATE ${accounts} SET previous = NULL WHERE custodian = $1 AND account = $2`, key);
    return;
  }
  const removed = await returning<{ asset_id: string | null }>(m,
    `DELETE FROM ${write.table('custody_positions')} WHERE custodian = $1 AND account = $2 RETURNING asset_id`, key);
  for (const { asset_id } of removed) if (asset_id) write.touched.add(asset_id);
  const previous = row.previous;
  if (!previous) {
    await m.query(`DELETE FROM ${accounts} WHERE custodian = $1 AND account = $2`, key);
    return;
  }
  await m.query(`UPDATE ${accounts} SET statement_date = $3, statement_reference = $4, basis = $5, previous = NULL WHERE custodian = $1 AND account = $2`,
    [...key, previous.date, previous.reference, previous.basis]);
  const restored = { custodian: cancellation.custodian, account: cancellation.account, statementDate: previous.date, statementReference: previous.reference, basis: previous.basis };
  await writePositions(write, Object.entries(previous.positions).map(([isin, quantity]) => ({ ...restored, isin, quantity: parseShares(quantity), relative: false })));
}
