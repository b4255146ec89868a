import { formatShares, parseShares, StatementCancelled, StatementReceived } from '@recon/domain';

export type Statement = StatementReceived['data'];
/** What the custody read models take from a custody stream, in stream order. */
export type CustodyFact = StatementReceived | StatementCancelled;

/** The statement a line (or an account) was last stated by. */
export interface StatedBy {
  readonly date: string;
  readonly reference: string;
  readonly basis: string;
}

export interface PositionLine extends StatedBy {
  /** Fixed-point units (scale 18). */
  readonly quantity: bigint;
}

/** The statement an account's positions came from before its current one: what a cancellation restores. */
export interface PreviousStatement extends StatedBy {
  /** ISIN → quantity (decimal text). */
  readonly positions: Readonly<Record<string, string>>;
}

/** One custody account as the read models hold it: its current statement, lines, and the previous one. */
export interface AccountState {
  readonly custodian: string;
  readonly account: string;
  readonly current: StatedBy;
  /** ISIN → line. */
  readonly lines: ReadonlyMap<string, PositionLine>;
  readonly previous: PreviousStatement | null;
}

export const accountKey = (custodian: string, account: string): string => JSON.stringify([custodian, account]);

/**
 * Folds a batch's custody facts, in stream order, over the stored accounts: the same end state as
 * applying them one by one, computed in memory so the batch reads and writes each account once.
 *
 * - A statement with an older business date than the account's current one is ignored (a late one).
 * - Another page of the current statement (same date and reference) adds its lines.
 * - Moving to another statement keeps the account's current statement and lines as its previous
 *   one (one level, like the reconciliation facts). A COMPLETE statement then replaces every line
 *   (absent = zero); a DELTA adds its signed changes to the lines it names, the others stay as stated.
 * - A cancellation of the current statement brings the previous one back (none kept: the account has
 *   no statement, `null`); cancelling the previous one forgets it; any other reference changes nothing.
 */
export function foldCustody(stored: ReadonlyMap<string, AccountState>, facts: readonly CustodyFact[]): Map<string, AccountState | null> {
  const state = new Map<string, AccountState | null>(stored);
  for (const fact of facts) {
    const key = accountKey(fact.data.custodian, fact.data.account);
    const before = state.get(key) ?? null;
    state.set(key, fact.type === 'StatementReceived' ? receive(before, fact.data) : cancel(before, fact.data));
  }
  return state;
}

function receive(before: AccountState | null, d: Statement): AccountState | null {
  if (before && d.asOf < before.current.date) return before;
  if (new Set(d.positions.map((p) => p.isin)).size !== d.positions.length) {
    throw new Error(`statement ${d.statementId} lists an ISIN twice; one line per ISIN is expected`);
  }
  const stated: StatedBy = { date: d.asOf, reference: d.statementReference, basis: d.basis };
  const samePage = before !== null && before.current.date === d.asOf && before.current.reference === d.statementReference;
  const replaces = d.completeness === 'COMPLETE' && !samePage;
  const lines = new Map(replaces ? [] : before?.lines ?? []);
  for (const position of d.positions) {
    const quantity = parseShares(position.quantity);
    const added = d.completeness === 'DELTA' ? (lines.get(position.isin)?.quantity ?? 0n) + quantity : quantity;
    lines.set(position.isin, { ...stated, quantity: added });
  }
  const previous = before && !samePage ? snapshot(before) : before?.previous ?? null;
  return { custodian: d.custodian, account: d.account, current: stated, lines, previous };
}

function cancel(before: AccountState | null, c: StatementCancelled['data']): AccountState | null {
  if (!before) return null;
  if (before.current.reference !== c.statementReference) {
    return before.previous?.reference === c.statementReference ? { ...before, previous: null } : before;
  }
  const restored = before.previous;
  if (!restored) return null;
  const stated: StatedBy = { date: restored.date, reference: restored.reference, basis: restored.basis };
  const lines = new Map(Object.entries(restored.positions).map(([isin, quantity]) => [isin, { ...stated, quantity: parseShares(quantity) }]));
  return { ...before, current: stated, lines, previous: null };
}

function snapshot(account: AccountState): PreviousStatement {
  const positions = Object.fromEntries([...account.lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([isin, line]) => [isin, formatShares(line.quantity)]));
  return { ...account.current, positions };
}
