import { formatShares, parseShares } from '@recon/domain';
import { BatchWrite, Column, insertRows, returning, setFromExcluded, unnestRows } from './batch-write';
import { accountKey, AccountState, CustodyFact, foldCustody, PositionLine, PreviousStatement } from './custody-fold';

interface StoredAccountRow {
  custodian: string;
  account: string;
  statement_date: string;
  statement_reference: string;
  basis: string;
  previous: PreviousStatement | null;
}

interface StoredLineRow {
  custodian: string;
  account: string;
  isin: string;
  asset_id: string | null;
  statement_date: string;
  statement_reference: string;
  basis: string;
  quantity: string;
}

interface LineWrite extends PositionLine {
  readonly custodian: string;
  readonly account: string;
  readonly isin: string;
}

/**
 * The batch's statements and cancellations: the accounts they name and those accounts' lines are
 * read once, the facts folded over them in memory (custody-fold.ts), and only what changed is
 * written: a handful of statements per batch however many statements and pages it holds. Every
 * asset whose lines were written or removed is marked touched, for the collateralization refresh.
 */
export async function writeStatements(write: BatchWrite, facts: readonly CustodyFact[]): Promise<void> {
  if (facts.length === 0) return;
  const keys = [...new Map(facts.map((f) => [accountKey(f.data.custodian, f.data.account), f.data])).values()];
  const params = [keys.map((k) => k.custodian), keys.map((k) => k.account)];
  const accountRows: StoredAccountRow[] = await write.manager.query(
    `SELECT a.custodian, a.account, to_char(a.statement_date, 'YYYY-MM-DD') AS statement_date, a.statement_reference, a.basis, a.previous
     FROM ${write.table('custody_accounts')} a JOIN unnest($1::text[], $2::text[]) AS k(custodian, account) USING (custodian, account)
     FOR UPDATE OF a`,
    params,
  );
  const lineRows: StoredLineRow[] = await write.manager.query(
    `SELECT p.custodian, p.account, p.isin, p.asset_id, to_char(p.statement_date, 'YYYY-MM-DD') AS statement_date, p.statement_reference, p.basis,
            p.quantity::text AS quantity
     FROM ${write.table('custody_positions')} p JOIN unnest($1::text[], $2::text[]) AS k(custodian, account) USING (custodian, account)`,
    params,
  );
  const stored = storedAccounts(accountRows, lineRows);
  const after = foldCustody(stored, facts);

  const removedLines: StoredLineRow[] = [];
  const writtenLines: LineWrite[] = [];
  const removedAccounts: AccountState[] = [];
  const writtenAccounts: AccountState[] = [];
  const assetOf = new Map(lineRows.map((row) => [`${accountKey(row.custodian, row.account)}|${row.isin}`, row.asset_id]));
  for (const [key, account] of after) {
    const before = stored.get(key);
    if (!account) {
      if (before) removedAccounts.push(before);
    } else {
      writtenAccounts.push(account);
    }
    for (const [isin, line] of before?.lines ?? []) {
      if (!account?.lines.has(isin)) removedLines.push({ ...lineRowOf(before!, isin, line), asset_id: assetOf.get(`${key}|${isin}`) ?? null });
    }
    for (const [isin, line] of account?.lines ?? []) {
      const old = before?.lines.get(isin);
      if (!old || !sameLine(old, line)) writtenLines.push({ custodian: account!.custodian, account: account!.account, isin, ...line });
    }
  }
  for (const row of removedLines) if (row.asset_id) write.touched.add(row.asset_id);
  await deleteLines(write, removedLines);
  await deleteAccounts(write, removedAccounts);
  await insertRows(write.manager, write.table('custody_accounts'), ACCOUNT_COLUMNS, writtenAccounts,
    `ON CONFLICT (custodian, account) DO UPDATE SET ${setFromExcluded(['statement_date', 'statement_reference', 'basis', 'previous'])}`);
  await writeLines(write, writtenLines);
}

function storedAccounts(accounts: readonly StoredAccountRow[], lines: readonly StoredLineRow[]): Map<string, AccountState> {
  const linesOf = new Map<string, Map<string, PositionLine>>();
  for (const row of lines) {
    const key = accountKey(row.custodian, row.account);
    const byIsin = linesOf.get(key) ?? new Map<string, PositionLine>();
    byIsin.set(row.isin, { date: row.statement_date, reference: row.statement_reference, basis: row.basis, quantity: parseShares(row.quantity) });
    linesOf.set(key, byIsin);
  }
  return new Map(accounts.map((row) => {
    const key = accountKey(row.custodian, row.account);
    const current = { date: row.statement_date, reference: row.statement_reference, basis: row.basis };
    return [key, { custodian: row.custodian, account: row.account, current, lines: linesOf.get(key) ?? new Map(), previous: row.previous }];
  }));
}

const sameLine = (a: PositionLine, b: PositionLine): boolean =>
  a.quantity === b.quantity && a.date === b.date && a.reference === b.reference && a.basis === b.basis;

const lineRowOf = (account: AccountState, isin: string, line: PositionLine): StoredLineRow => ({
  custodian: account.custodian, account: account.account, isin, asset_id: null,
  statement_date: line.date, statement_reference: line.reference, basis: line.basis, quantity: formatShares(line.quantity),
});

async function deleteLines(write: BatchWrite, lines: readonly StoredLineRow[]): Promise<void> {
  if (lines.length === 0) return;
  await returning(write.manager,
    `DELETE FROM ${write.table('custody_positions')} p USING unnest($1::text[], $2::text[], $3::text[]) AS k(custodian, account, isin)
     WHERE p.custodian = k.custodian AND p.account = k.account AND p.isin = k.isin`,
    [lines.map((l) => l.custodian), lines.map((l) => l.account), lines.map((l) => l.isin)],
  );
}

async function deleteAccounts(write: BatchWrite, accounts: readonly AccountState[]): Promise<void> {
  if (accounts.length === 0) return;
  await returning(write.manager,
    `DELETE FROM ${write.table('custody_accounts')} a USING unnest($1::text[], $2::text[]) AS k(custodian, account)
     WHERE a.custodian = k.custodian AND a.account = k.account`,
    [accounts.map((a) => a.custodian), accounts.map((a) => a.account)],
  );
}

const ACCOUNT_COLUMNS: ReadonlyArray<Column<AccountState>> = [
  { name: 'custodian', type: 'text', value: (r) => r.custodian },
  { name: 'account', type: 'text', value: (r) => r.account },
  { name: 'statement_date', type: 'date', value: (r) => r.current.date },
  { name: 'statement_reference', type: 'text', value: (r) => r.current.reference },
  { name: 'basis', type: 'text', value: (r) => r.current.basis },
  { name: 'previous', type: 'jsonb', value: (r) => (r.previous ? JSON.stringify(r.previous) : null) },
];

const LINE_COLUMNS: ReadonlyArray<Column<LineWrite>> = [
  { name: 'custodian', type: 'text', value: (r) => r.custodian },
  { name: 'account', type: 'text', value: (r) => r.account },
  { name: 'statement_date', type: 'date', value: (r) => r.date },
  { name: 'statement_reference', type: 'text', value: (r) => r.reference },
  { name: 'basis', type: 'text', value: (r) => r.basis },
  { name: 'isin', type: 'text', value: (r) => r.isin },
  { name: 'quantity', type: 'numeric', value: (r) => formatShares(r.quantity) },
];

/**
 * One upsert for every written line: a new line takes the asset its ISIN maps to (smallest asset
 * id); an existing one keeps its asset (the asset projection maintains it when assets register).
 */
async function writeLines(write: BatchWrite, lines: readonly LineWrite[]): Promise<void> {
  if (lines.length === 0) return;
  const positions = write.table('custody_positions');
  const source = unnestRows(LINE_COLUMNS, lines, 'u');
  const written: Array<{ asset_id: string | null }> = await write.manager.query(
    `INSERT INTO ${positions} AS p (custodian, account, isin, asset_id, statement_date, statement_reference, quantity, basis)
     SELECT u.custodian, u.account, u.isin, (SELECT a.asset_id FROM ${write.table('assets')} a WHERE a.isin = u.isin ORDER BY a.asset_id LIMIT 1),
       u.statement_date, u.statement_reference, u.quantity, u.basis
     FROM ${source.sql}
     ON CONFLICT (custodian, account, isin) DO UPDATE SET ${setFromExcluded(['quantity', 'statement_date', 'statement_reference', 'basis'])}
     RETURNING asset_id`,
    source.params,
  );
  for (const row of written) if (row.asset_id) write.touched.add(row.asset_id);
}
