import { AccountFacts, AccountHoldings, FactsDocument, HoldingLine, holdingsOfAccount } from '@recon/domain';
import { BatchWrite, Column, insertRows, setFromExcluded, unnestRows } from './batch-write';

/** One custody account's holdings before and after a batch (undefined: no statement counts). */
export interface HoldingsChange {
  readonly custodian: string;
  readonly account: string;
  readonly before?: AccountHoldings;
  readonly after?: AccountHoldings;
}

/** The account documents a batch changed, with what each held before and holds after (the domain's `holdingsOfAccount`). */
export function holdingsChanges(changed: ReadonlySet<string>, before: ReadonlyMap<string, FactsDocument>, after: ReadonlyMap<string, FactsDocument>): HoldingsChange[] {
  const accountOf = (doc: FactsDocument | undefined): AccountFacts | undefined => (doc?.kind === 'account' ? doc : undefined);
  return [...changed].flatMap((key) => {
    const now = accountOf(after.get(key));
    if (!now) return [];
    const then = accountOf(before.get(key));
    const [was, is] = [then && holdingsOfAccount(then), holdingsOfAccount(now)];
    return [{ custodian: now.custodian, account: now.account, ...(was ? { before: was } : {}), ...(is ? { after: is } : {}) }];
  });
}

type LineRow = HoldingLine & Pick<AccountHoldings, 'custodian' | 'account' | 'statementDate' | 'statementReference' | 'basis'>;

const sameStatement = (a: AccountHoldings | undefined, b: AccountHoldings | undefined): boolean =>
  !!a && !!b && a.statementDate === b.statementDate && a.statementReference === b.statementReference && a.basis === b.basis
  && a.completeness === b.completeness && a.allPagesReceived === b.allPagesReceived;

/** What a custody_positions row shows of a line: written again when any of it changed (the quantity, its breakdown, its pages). */
const lineContent = (line: HoldingLine | undefined): string => (line ? JSON.stringify([line.quantity, line.available, line.notAvailable, line.subBalances, line.statementIds, line.eventIds]) : '');

/**
 * custody_accounts and custody_positions as the facts fold states them: only what changed is written.
 * A line is removed when the account's holdings no longer name its ISIN, and written when it is new
 * or its quantity or statement changed; an account without a statement that counts loses its row.
 */
export async function writeHoldings(write: BatchWrite, changes: readonly HoldingsChange[]): Promise<void> {
  const removedLines: Array<Pick<LineRow, 'custodian' | 'account' | 'isin'>> = [];
  const writtenLines: LineRow[] = [];
  const writtenAccounts: AccountHoldings[] = [];
  const removedAccounts: HoldingsChange[] = [];
  for (const change of changes) {
    const { before, after, custodian, account } = change;
    const old = new Map((before?.lines ?? []).map((line) => [line.isin, line]));
    const kept = new Set((after?.lines ?? []).map((line) => line.isin));
    for (const isin of old.keys()) if (!kept.has(isin)) removedLines.push({ custodian, account, isin });
    if (!after) {
      if (before) removedAccounts.push(change);
      continue;
    }
    const restated = !sameStatement(before, after);
    if (restated) writtenAccounts.push(after);
    for (const line of after.lines) {
      if (restated || lineContent(old.get(line.isin)) !== lineContent(line)) {
        writtenLines.push({ ...line, custodian, account, statementDate: after.statementDate, statementReference: after.statementReference, basis: after.basis });
      }
    }
  }
  await deleteKeys(write, 'custody_positions', ['custodian', 'account', 'isin'], removedLines);
  await deleteKeys(write, 'custody_accounts', ['custodian', 'account'], removedAccounts);
  await insertRows(write.manager, write.table('custody_accounts'), ACCOUNT_COLUMNS, writtenAccounts,
    `ON CONFLICT (custodian, account) DO UPDATE SET ${setFromExcluded(['statement_date', 'statement_reference', 'basis', 'completeness', 'all_pages_received'])}`);
  await writeLines(write, writtenLines);
}

async function deleteKeys<Row>(write: BatchWrite, table: string, columns: ReadonlyArray<keyof Row & string>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  await write.manager.query(
    `DELETE FROM ${write.table(table)} t USING unnest(${keys}) AS k(${columns.join(', ')}) WHERE ${columns.map((c) => `t.${c} = k.${c}`).join(' AND ')}`,
    columns.map((column) => rows.map((row) => row[column])),
  );
}

const ACCOUNT_COLUMNS: ReadonlyArray<Column<AccountHoldings>> = [
  { name: 'custodian', type: 'text', value: (r) => r.custodian },
  { name: 'account', type: 'text', value: (r) => r.account },
  { name: 'statement_date', type: 'date', value: (r) => r.statementDate },
  { name: 'statement_reference', type: 'text', value: (r) => r.statementReference },
  { name: 'basis', type: 'text', value: (r) => r.basis },
  { name: 'completeness', type: 'text', value: (r) => r.completeness },
  { name: 'all_pages_received', type: 'boolean', value: (r) => r.allPagesReceived },
];

const LINE_COLUMNS: ReadonlyArray<Column<LineRow>> = [
  { name: 'custodian', type: 'text', value: (r) => r.custodian },
  { name: 'account', type: 'text', value: (r) => r.account },
  { name: 'statement_date', type: 'date', value: (r) => r.statementDate },
  { name: 'statement_reference', type: 'text', value: (r) => r.statementReference },
  { name: 'basis', type: 'text', value: (r) => r.basis },
  { name: 'isin', type: 'text', value: (r) => r.isin },
  { name: 'quantity', type: 'numeric', value: (r) => r.quantity },
  { name: 'available', type: 'numeric', value: (r) => r.available ?? null },
  { name: 'not_available', type: 'numeric', value: (r) => r.notAvailable ?? null },
  // jsonb arrays as text: unnest of a two-dimensional array would flatten the lists.
  { name: 'sub_balances', type: 'jsonb', value: (r) => JSON.stringify(r.subBalances) },
  { name: 'statement_ids', type: 'jsonb', value: (r) => JSON.stringify(r.statementIds) },
  { name: 'event_ids', type: 'jsonb', value: (r) => JSON.stringify(r.eventIds) },
];

const BREAKDOWN_COLUMNS = ['available', 'not_available', 'sub_balances', 'statement_ids', 'event_ids'];

/**
 * One upsert for every written line: a new line takes the asset its ISIN maps to (smallest asset
 * id); an existing one keeps its asset (registrations maintain it, see asset-batch.ts).
 */
async function writeLines(write: BatchWrite, lines: readonly LineRow[]): Promise<void> {
  if (lines.length === 0) return;
  const source = unnestRows(LINE_COLUMNS, lines, 'u');
  await write.manager.query(
    `INSERT INTO ${write.table('custody_positions')} AS p (custodian, account, isin, asset_id, statement_date, statement_reference, quantity, basis,
       available, not_available, sub_balances, statement_ids, event_ids)
     SELECT u.custodian, u.account, u.isin, (SELECT a.asset_id FROM ${write.table('assets')} a WHERE a.isin = u.isin ORDER BY a.asset_id LIMIT 1),
       u.statement_date, u.statement_reference, u.quantity, u.basis, u.available, u.not_available, u.sub_balances, u.statement_ids, u.event_ids
     FROM ${source.sql}
     ON CONFLICT (custodian, account, isin) DO UPDATE SET ${setFromExcluded(['quantity', 'statement_date', 'statement_reference', 'basis', ...BREAKDOWN_COLUMNS])}`,
    source.params,
  );
}
