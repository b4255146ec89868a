import { ConflictingDuplicateDetected, ConflictingTransactionsDetected, StatementCancelled, StatementPageCancelled, StatementReceived, TransactionsCancelled } from '../../custody/events';
import { businessDateOf } from '../../matching/time';
import { formatShares, parseShares } from '../../shared/fixed-point';
import { AccountFacts, ConflictRecord, FactEvent, HoldingRecord, LineRecord, PageLineRecord, PageRecord, StatementMovementRecord, StatementRecord } from './documents';
import { Cutoffs, HOLDING_EVIDENCE, INCOMPLETE_STATEMENTS } from './retention';

export const emptyAccountFacts = (custodian: string, account: string): AccountFacts => ({
  kind: 'account', custodian, account, latestRecordedAt: '1970-01-01T00:00:00Z', recentEventIds: [],
  linkedAssetIds: [], baseHoldings: {}, replacedReferences: [], incompleteStatements: [], conflicts: [], movements: {},
});

/** Every page from 1 to the one flagged last has arrived (MT535 28E: pages 1..n, page n LAST, or 1/ONLY). */
export function isComplete(statement: StatementRecord): boolean {
  if (statement.restored) return true;
  const last = statement.pages.find((p) => p.lastPage)?.page;
  if (last === undefined) return false;
  const received = new Set(statement.pages.map((p) => p.page));
  return Array.from({ length: last }, (_, i) => i + 1).every((page) => received.has(page));
}

/**
 * The holdings a statement leaves: a COMPLETE one states them all (absent = zero), a DELTA one
 * adds its signed changes to the holdings before it. Zero holdings are not kept.
 */
export function holdingsAfter(statement: StatementRecord, before: Readonly<Record<string, HoldingRecord>>): Record<string, HoldingRecord> {
  const holdings: Record<string, { units: bigint; eventIds: readonly string[] }> = {};
  if (statement.completeness === 'DELTA') {
    for (const [isin, h] of Object.entries(before)) holdings[isin] = { units: parseShares(h.quantity), eventIds: h.eventIds };
  }
  for (const page of statement.pages) {
    for (const line of page.positions) {
      const held = holdings[line.isin] ?? { units: 0n, eventIds: [] };
      holdings[line.isin] = { units: held.units + parseShares(line.quantity), eventIds: [...held.eventIds, page.eventId].slice(-HOLDING_EVIDENCE) };
    }
  }
  return Object.fromEntries(Object.entries(holdings).filter(([, h]) => h.units !== 0n).map(([isin, h]) => [isin, { quantity: formatShares(h.units), eventIds: h.eventIds }]));
}

const keepIncomplete = (statements: readonly StatementRecord[]): StatementRecord[] =>
  [...statements].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0)).slice(0, INCOMPLETE_STATEMENTS);

const withPage = (statement: StatementRecord, page: PageRecord): StatementRecord =>
  statement.pages.some((p) => p.statementId === page.statementId) ? statement : { ...statement, pages: [...statement.pages, page] };

/** The statements the account holds pages of: the one that counts and those still missing pages. */
export const heldStatements = (doc: AccountFacts): StatementRecord[] => [...(doc.current ? [doc.current] : []), ...doc.incompleteStatements];

/** The statement holding the page recorded under `statementId`, and the page. */
export function pageRecorded(doc: AccountFacts, statementId: string): { statement: StatementRecord; page: PageRecord } | undefined {
  for (const statement of heldStatements(doc)) {
    const page = statement.pages.find((p) => p.statementId === statementId);
    if (page) return { statement, page };
  }
  return undefined;
}

/** Conflicting deliveries stay as long as the page they conflict with is held. */
const withHeldConflicts = (doc: AccountFacts): AccountFacts => {
  const conflicts: ConflictRecord[] = doc.conflicts.filter((c) => pageRecorded(doc, c.statementId) !== undefined);
  return conflicts.length === doc.conflicts.length ? doc : { ...doc, conflicts };
};

const restoredRecord = (statement: StatementRecord): StatementRecord =>
  ({ statementReference: statement.statementReference, asOf: statement.asOf, basis: statement.basis, completeness: 'DELTA', pages: [], restored: true });

/** The ISINs whose holding moved between two statements, with the signed change. */
export function movementOf(fromDate: string, to: StatementRecord, before: Readonly<Record<string, HoldingRecord>>, after: Readonly<Record<string, HoldingRecord>>): StatementMovementRecord {
  const changes: Record<string, HoldingRecord> = {};
  for (const isin of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = parseShares(after[isin]?.quantity ?? '0') - parseShares(before[isin]?.quantity ?? '0');
    if (change === 0n) continue;
    changes[isin] = { quantity: formatShares(change), eventIds: [...new Set([...(before[isin]?.eventIds ?? []), ...(after[isin]?.eventIds ?? [])])] };
  }
  return { fromDate, toDate: to.asOf, statementReference: to.statementReference, changes };
}

/**
 * A statement that has just become complete counts if it is the latest: a later business date
 * replaces the current one (whose holdings a DELTA builds on), another reference of the same date
 * replaces it too (a correction), an older date changes nothing.
 */
function completed(doc: AccountFacts, statement: StatementRecord): AccountFacts {
  const current = doc.current;
  if (!current || statement.asOf > current.asOf) {
    const base = current ? holdingsAfter(current, doc.baseHoldings) : {};
    // The movement up to the statement now replaced becomes history: its dates and holdings are final.
    const moved = current && doc.baseAsOf !== undefined && doc.baseAsOf < current.asOf && !current.restored
      ? movementOf(doc.baseAsOf, current, doc.baseHoldings, base) : undefined;
    // A document written before statements waited for completion may hold an incomplete current one.
    const superseded = current && !isComplete(current) ? [current] : [];
    return withHeldConflicts({
      ...doc, current: statement, ...(current ? { previous: restoredRecord(current), baseAsOf: current.asOf } : {}), baseHoldings: base,
      ...(moved ? { statementMovements: [...(doc.statementMovements ?? []), moved] } : {}),
      replacedReferences: [], incompleteStatements: keepIncomplete([...doc.incompleteStatements, ...superseded]),
    });
  }
  if (statement.asOf < current.asOf || doc.replacedReferences.includes(statement.statementReference)) return doc;
  return withHeldConflicts({ ...doc, current: statement, previous: current, replacedReferences: [...doc.replacedReferences, current.statementReference] });
}

/** A page line keeps what the custodian stated of the holding, its breakdown included (only what is there: documents stay small). */
const pageLineOf = ({ isin, quantity, available, notAvailable, subBalances }: StatementReceived['data']['positions'][number]): PageLineRecord => ({
  isin, quantity,
  ...(available === undefined ? {} : { available }),
  ...(notAvailable === undefined ? {} : { notAvailable }),
  ...(subBalances === undefined || subBalances.length === 0 ? {} : { subBalances }),
});

/**
 * Only a complete statement counts (MT535 28E: a statement is its pages 1..LAST; a part of it says
 * nothing of the holdings on the pages not yet come). A page joins its statement, kept among the
 * incomplete ones until its last missing page arrives; complete, it counts if it is the latest, so an
 * incomplete statement never replaces the complete one before it. A page of an older date than the
 * current statement only completes one already waiting. Another page of the current statement (a
 * page number past its last, sent late) adds its lines.
 */
function receiveStatement(doc: AccountFacts, data: StatementReceived['data'], eventId: string): AccountFacts {
  const page: PageRecord = {
    statementId: data.statementId, page: data.page, lastPage: data.lastPage, receivedAt: data.receivedAt, eventId,
    positions: data.positions.map(pageLineOf),
  };
  const current = doc.current;
  // A restored statement was complete when it was replaced; a late page of it must not add its lines twice.
  if (current?.statementReference === data.statementReference) return current.restored ? doc : { ...doc, current: withPage(current, page) };
  if (doc.replacedReferences.includes(data.statementReference)) return doc;
  const waiting = doc.incompleteStatements.find((s) => s.statementReference === data.statementReference);
  if (!waiting && current && data.asOf < current.asOf) return doc;
  const statement = withPage(waiting ?? { statementReference: data.statementReference, asOf: data.asOf, basis: data.basis, completeness: data.completeness, pages: [] }, page);
  const others = doc.incompleteStatements.filter((s) => s !== waiting);
  if (!isComplete(statement)) return { ...doc, incompleteStatements: keepIncomplete([...others, statement]) };
  return completed({ ...doc, incompleteStatements: others }, statement);
}

/** The current statement gives way to the one it replaced (with its holdings), or to none. */
function withoutCurrent(doc: AccountFacts): AccountFacts {
  const { current: _withdrawn, previous, baseAsOf, ...rest } = doc;
  const replacedReferences = doc.replacedReferences.filter((reference) => reference !== previous?.statementReference);
  // A restored statement's holdings are the base itself: no movement is known between it and the one before.
  const base = baseAsOf !== undefined && previous && !previous.restored ? { baseAsOf } : {};
  return { ...rest, ...(previous ? { current: previous } : {}), ...base, replacedReferences };
}

/**
 * A cancelled statement stops counting. The current one gives way to the statement it replaced
 * (with its holdings: a break it caused clears, one it hid comes back), or to none; its conflicting
 * deliveries go with it. One still missing pages is no longer waited for. The custody decider
 * records none of its messages afterwards, so nothing brings it back but new messages (a correction).
 */
function cancelStatement(doc: AccountFacts, { statementReference }: StatementCancelled['data']): AccountFacts {
  const incompleteStatements = doc.incompleteStatements.filter((s) => s.statementReference !== statementReference);
  if (doc.current?.statementReference !== statementReference) {
    const { previous, ...rest } = doc;
    const keptPrevious = previous && previous.statementReference !== statementReference ? { previous } : {};
    return withHeldConflicts({ ...rest, ...keptPrevious, incompleteStatements });
  }
  return withHeldConflicts({ ...withoutCurrent(doc), incompleteStatements });
}

/**
 * A cancellation withdrew one page (its PREV named that page's SEME). The statement is incomplete
 * again: if it counted, the account's holdings go back to the statement it replaced, and it waits,
 * with its other pages, for a replacement page, which completes it and makes it count again.
 */
function cancelPage(doc: AccountFacts, { statementReference, page }: StatementPageCancelled['data']): AccountFacts {
  const withoutPage = (statement: StatementRecord): StatementRecord => ({ ...statement, pages: statement.pages.filter((p) => p.page !== page) });
  const incomplete = doc.incompleteStatements.map((s) => (s.statementReference === statementReference ? withoutPage(s) : s)).filter((s) => s.pages.length > 0);
  const current = doc.current;
  if (current?.statementReference !== statementReference || current.restored) return withHeldConflicts({ ...doc, incompleteStatements: incomplete });
  const remaining = withoutPage(current);
  const waiting = remaining.pages.length > 0 ? [remaining] : [];
  return withHeldConflicts({ ...withoutCurrent(doc), incompleteStatements: keepIncomplete([...incomplete, ...waiting]) });
}

/** A page delivered again with other holdings, kept beside the page it conflicts with while that is held. */
function conflictingDuplicate(doc: AccountFacts, data: ConflictingDuplicateDetected['data'], eventId: string): AccountFacts {
  if (!pageRecorded(doc, data.statementId) || doc.conflicts.some((c) => c.eventId === eventId)) return doc;
  const positions = data.positions.map(({ isin, quantity }) => ({ isin, quantity }));
  return { ...doc, conflicts: [...doc.conflicts, { statementId: data.statementId, page: data.page, eventId, positions }] };
}

/** Folds one event of the account's custody stream, or a link naming the account. */
export function evolveAccountFacts(doc: AccountFacts, { eventId, event }: FactEvent): AccountFacts {
  switch (event.type) {
    case 'CustodyAccountLinked':
      return doc.linkedAssetIds.includes(event.data.assetId) ? doc : { ...doc, linkedAssetIds: [...doc.linkedAssetIds, event.data.assetId].sort() };
    case 'StatementReceived':
      return receiveStatement(doc, event.data, eventId);
    case 'StatementCancelled':
      return cancelStatement(doc, event.data);
    case 'StatementPageCancelled':
      return cancelPage(doc, event.data);
    case 'ConflictingDuplicateDetected':
      return conflictingDuplicate(doc, event.data, eventId);
    case 'CustodyMovementRecorded': {
      const { movementId, isin, quantity, movedAt, statementReference, page } = event.data;
      if (doc.movements[movementId]) return doc;
      const source = statementReference === undefined || page === undefined ? {} : { statementReference, page };
      return { ...doc, movements: { ...doc.movements, [movementId]: { movementId, isin, quantity, movedAt, eventId, ...source } } };
    }
    case 'ConflictingTransactionsDetected':
      return conflictingTransactions(doc, event.data, eventId);
    case 'TransactionsCancelled':
      return cancelTransactions(doc, event.data);
    case 'StatementScheduleApproved': {
      // Approvals of one account are ordered on its schedule stream: the latest folded is the one in force.
      const { proposalId, schedule, approvedAt } = event.data;
      return { ...doc, schedule: { proposalId, schedule, approvedAt, eventId } };
    }
    case 'InstrumentIgnored': {
      const ignored = doc.ignoredIsins ?? [];
      return ignored.includes(event.data.isin) ? doc : { ...doc, ignoredIsins: [...ignored, event.data.isin].sort() };
    }
    default:
      return doc;
  }
}

/** Net quantity per ISIN, ISINs in order. */
function netPerIsin(lines: readonly LineRecord[]): LineRecord[] {
  const sums = new Map<string, bigint>();
  for (const { isin, quantity } of lines) sums.set(isin, (sums.get(isin) ?? 0n) + parseShares(quantity));
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([isin, units]) => ({ isin, quantity: formatShares(units) }));
}

/** A statement of transactions page delivered again with other postings, against the movements of it that count. */
function conflictingTransactions(doc: AccountFacts, data: ConflictingTransactionsDetected['data'], eventId: string): AccountFacts {
  const known = doc.transactionConflicts ?? [];
  if (known.some((c) => c.eventId === eventId)) return doc;
  const recorded = Object.values(doc.movements).filter((m) => m.statementReference === data.statementReference && m.page === data.page);
  const conflict = {
    statementReference: data.statementReference, page: data.page, eventId, detectedAt: data.detectedAt,
    original: netPerIsin(recorded), originalEventIds: [...new Set(recorded.map((m) => m.eventId))].sort(), conflicting: netPerIsin(data.postings),
  };
  return { ...doc, transactionConflicts: [...known, conflict] };
}

/**
 * A cancelled statement of transactions stops counting: the movements posted on it leave (an
 * unexpected movement it caused clears) and so do its conflicting deliveries. The custody decider
 * records no page of it afterwards, so nothing brings it back.
 */
function cancelTransactions(doc: AccountFacts, { statementReference }: TransactionsCancelled['data']): AccountFacts {
  const movements = Object.entries(doc.movements).filter(([, m]) => m.statementReference !== statementReference);
  const conflicts = doc.transactionConflicts?.filter((c) => c.statementReference !== statementReference);
  if (movements.length === Object.keys(doc.movements).length && conflicts?.length === doc.transactionConflicts?.length) return doc;
  return { ...doc, movements: Object.fromEntries(movements), ...(conflicts ? { transactionConflicts: conflicts } : {}) };
}

/** Statement movements whose later date is past the settled-trade retention: no trade they could evidence is still kept settled. */
function pruneStatementMovements(doc: AccountFacts, cutoffs: Cutoffs): AccountFacts {
  const movements = doc.statementMovements;
  if (!movements || movements.length === 0 || movements[0]!.toDate >= cutoffs.settled) return doc;
  const kept = movements.filter((m) => m.toDate >= cutoffs.settled);
  const { statementMovements: _dropped, ...rest } = doc;
  return kept.length === 0 ? rest : { ...rest, statementMovements: kept };
}

/** Drops movements, statement movements, and conflicting statements of transactions, older than retention; everything else here is bounded by count. */
export function pruneAccountFacts(doc: AccountFacts, cutoffs: Cutoffs): AccountFacts {
  const pruned = pruneStatementMovements(doc, cutoffs);
  const kept = Object.entries(pruned.movements).filter(([, m]) => businessDateOf(m.movedAt, 'movedAt') >= cutoffs.movements);
  const conflicts = pruned.transactionConflicts?.filter((c) => businessDateOf(c.detectedAt, 'detectedAt') >= cutoffs.movements);
  if (kept.length === Object.keys(pruned.movements).length && conflicts?.length === pruned.transactionConflicts?.length) return pruned;
  return { ...pruned, movements: Object.fromEntries(kept), ...(conflicts ? { transactionConflicts: conflicts } : {}) };
}
