import { formatShares, parseShares, StatementCancelled, StatementReceived } from '@recon/domain';
import { BatchWrite, Column, insertRows, returning, setFromExcluded, unnestRows } from './batch-write';
import { cancelStatement, rememberPrevious } from './custody-cancellation';

export type Statement = StatementReceived['data'];
/** What the custody read models take from a custody stream, in stream order. */
export type CustodyFact = StatementReceived | StatementCancelled;

/**
 * The batch's custody facts as rounds written one after the other: a cancellation alone (it reads
 * what the statements before it wrote), and runs of statements in which no account reaches a second
 * statement (date and reference): each account's positions before its new statement are kept as the
 * one a cancellation restores, and that must be the statement just before, not the batch's first.
 */
export function roundsOf(facts: readonly CustodyFact[]): Array<readonly Statement[] | StatementCancelled['data']> {
  const rounds: Array<Statement[] | StatementCancelled['data']> = [];
  let run: Statement[] = [];
  let seen = new Map<string, string>();
  const endRun = () => {
    if (run.length > 0) rounds.push(run);
    run = [];
    seen = new Map();
  };
  for (const fact of facts) {
    if (fact.type === 'StatementCancelled') {
      endRun();
      rounds.push(fact.data);
      continue;
    }
    const key = accountKey(fact.data.custodian, fact.data.account);
    const statement = JSON.stringify([fact.data.asOf, fact.data.statementReference]);
    if ((seen.get(key) ?? statement) !== statement) endRun();
    seen.set(key, statement);
    run.push(fact.data);
  }
  endRun();
  return rounds;
}

/** Writes the batch's custody facts in rounds (see roundsOf). */
export async function writeStatements(write: BatchWrite, facts: readonly CustodyFact[]): Promise<void> {
  for (const round of roundsOf(facts)) {
    if (Array.isArray(round)) await writeStatementRound(write, round);
    else await cancelStatement(write, round as StatementCancelled['data']);
  }
}

/** The statement an account's positions currently come from. */
export interface AccountStatement {
  readonly date: string;
  readonly reference: string;
}

interface AccountWrite {
  readonly custodian: string;
  readonly account: string;
  readonly statementDate: string;
  readonly statementReference: string;
  readonly basis: string;
}

export interface PositionWrite extends AccountWrite {
  readonly isin: string;
  /** Fixed-point units (scale 18). */
  readonly quantity: bigint;
  /** Add `quantity` to the stored line (DELTA lines of an account the batch did not replace); else set it. */
  readonly relative: boolean;
}

export interface CustodyPlan {
  /** Accounts whose stored positions a COMPLETE statement of the batch replaces: deleted first. */
  readonly replaced: ReadonlyArray<{ readonly custodian: string; readonly account: string }>;
  /** The statement each account ends on. */
  readonly accounts: readonly AccountWrite[];
  /** One write per line, after the deletions. */
  readonly positions: readonly PositionWrite[];
}

export const accountKey = (custodian: string, account: string): string => JSON.stringify([custodian, account]);

/**
 * Folds the batch's statements, in order, per account. Latest statement per account wins: a later
 * business date replaces the account's positions (for a COMPLETE statement, absent = zero); another
 * page of the current statement adds its lines; a new reference on the same date (a re-issued
 * statement) replaces; an older date is ignored. A DELTA statement adds its signed changes to the
 * current positions. Pages of one account come in stream order (one custody stream, one partition),
 * so "later" is well defined on every path, and the plan has the effect of applying them one by one.
 */
export function planStatements(current: ReadonlyMap<string, AccountStatement>, statements: readonly Statement[]): CustodyPlan {
  const state = new Map(current);
  const replaced = new Map<string, { custodian: string; account: string }>();
  const accounts = new Map<string, AccountWrite>();
  const lines = new Map<string, Map<string, PositionWrite>>(); // account → isin → write
  for (const d of statements) {
    const key = accountKey(d.custodian, d.account);
    const existing = state.get(key);
    if (existing && d.asOf < existing.date) continue; // a late, older statement
    const quantities = d.positions.map((p) => parseShares(p.quantity));
    if (new Set(d.positions.map((p) => p.isin)).size !== d.positions.length) {
      throw new Error(`statement ${d.statementId} lists an ISIN twice; one line per ISIN is expected`);
    }
    const samePage = existing !== undefined && existing.date === d.asOf && existing.reference === d.statementReference;
    const account: AccountWrite = { custodian: d.custodian, account: d.account, statementDate: d.asOf, statementReference: d.statementReference, basis: d.basis };
    let accountLines = lines.get(key);
    if (d.completeness === 'COMPLETE' && !samePage) {
      replaced.set(key, { custodian: d.custodian, account: d.account });
      accountLines = undefined;
    }
    accountLines ??= new Map();
    lines.set(key, accountLines);
    state.set(key, { date: d.asOf, reference: d.statementReference });
    accounts.set(key, account);
    d.positions.forEach((position, i) => {
      const quantity = quantities[i]!;
      const previous = accountLines.get(position.isin);
      const write = d.completeness === 'DELTA'
        ? { quantity: (previous?.quantity ?? 0n) + quantity, relative: previous ? previous.relative : !replaced.has(key) }
        : { quantity, relative: false };
      accountLines.set(position.isin, { ...account, isin: position.isin, ...write });
    });
  }
  return { replaced: [...replaced.values()], accounts: [...accounts.values()], positions: [...lines.values()].flatMap((byIsin) => [...byIsin.values()]) };
}

const ACCOUNT_COLUMNS: ReadonlyArray<Column<AccountWrite>> = [
  { name: 'custodian', type: 'text', value: (r) => r.custodian },
  { name: 'account', type: 'text', value: (r) => r.account },
  { name: 'statement_date', type: 'date', value: (r) => r.statementDate },
  { name: 'statement_reference', type: 'text', value: (r) => r.statementReference },
  { name: 'basis', type: 'text', value: (r) => r.basis },
];

const POSITION_COLUMNS: ReadonlyArray<Column<PositionWrite>> = [
  ...ACCOUNT_COLUMNS,
  { name: 'isin', type: 'text', value: (r) => r.isin },
  { name: 'quantity', type: 'numeric', value: (r) => formatShares(r.quantity) },
  { name: 'relative', type: 'boolean', value: (r) => r.relative },
];

/**
 * Reads the round's accounts, plans their statements, keeps the positions of each account that
 * moves to another statement as its previous one, and writes: deletions, account rows, position lines.
 */
async function writeStatementRound(write: BatchWrite, statements: readonly Statement[]): Promise<void> {
  if (statements.length === 0) return;
  const { manager: m } = write;
  const keys = [...new Map(statements.map((d) => [accountKey(d.custodian, d.account), d])).values()];
  const stored: Array<{ custodian: string; account: string; statement_date: string; statement_reference: string }> = await m.query(
    `SELECT a.custodian, a.account, to_char(a.statement_date, 'YYYY-MM-DD') AS statement_date, a.statement_reference
     FROM ${write.table('custody_accounts')} a JOIN unnest($1::text[], $2::text[]) AS k(custodian, account) USING (custodian, account)
     FOR UPDATE OF a`,
    [keys.map((d) => d.custodian), keys.map((d) => d.account)],
  );
  const current = new Map(stored.map((row) => [accountKey(row.custodian, row.account), { date: row.statement_date, reference: row.statement_reference }]));
  const plan = planStatements(current, statements);
  await rememberPrevious(write, plan.accounts.filter((a) => {
    const before = current.get(accountKey(a.custodian, a.account));
    return before !== undefined && (before.date !== a.statementDate || before.reference !== a.statementReference);
  }));
  const positions = write.table('custody_positions');
  if (plan.replaced.length > 0) {
    const removed = await returning<{ asset_id: string | null }>(m,
      `DELETE FROM ${positions} p USING unnest($1::text[], $2::text[]) AS k(custodian, account)
       WHERE p.custodian = k.custodian AND p.account = k.account RETURNING p.asset_id`,
      [plan.replaced.map((a) => a.custodian), plan.replaced.map((a) => a.account)],
    );
    for (const row of removed) if (row.asset_id) write.touched.add(row.asset_id);
  }
  await insertRows(m, write.table('custody_accounts'), ACCOUNT_COLUMNS, plan.accounts,
    `ON CONFLICT (custodian, account) DO UPDATE SET ${setFromExcluded(['statement_date', 'statement_reference', 'basis'])}`);
  await writePositions(write, plan.positions);
}

/**
 * One upsert for every line: a new line takes the asset its ISIN maps to (smallest asset id), a
 * relative line adds to the stored quantity (read in the same statement: every key appears once).
 */
export async function writePositions(write: BatchWrite, lines: readonly PositionWrite[]): Promise<void> {
  if (lines.length === 0) return;
  const positions = write.table('custody_positions');
  const source = unnestRows(POSITION_COLUMNS, lines, 'u');
  const written: Array<{ asset_id: string | null }> = await write.manager.query(
    `INSERT INTO ${positions} AS p (custodian, account, isin, asset_id, statement_date, statement_reference, quantity, basis)
     SELECT u.custodian, u.account, u.isin, (SELECT a.asset_id FROM ${write.table('assets')} a WHERE a.isin = u.isin ORDER BY a.asset_id LIMIT 1),
       u.statement_date, u.statement_reference,
       CASE WHEN u.relative THEN coalesce((SELECT s.quantity FROM ${positions} s
                                          WHERE s.custodian = u.custodian AND s.account = u.account AND s.isin = u.isin), 0) + u.quantity
            ELSE u.quantity END,
       u.basis
     FROM ${source.sql}
     ON CONFLICT (custodian, account, isin) DO UPDATE SET ${setFromExcluded(['quantity', 'statement_date', 'statement_reference', 'basis'])}
     RETURNING asset_id`,
    source.params,
  );
  for (const row of written) if (row.asset_id) write.touched.add(row.asset_id);
}
