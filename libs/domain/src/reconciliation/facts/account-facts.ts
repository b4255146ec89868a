import { ConflictingTransactionsDetected, StatementCancelled, StatementReceived, TransactionsCancelled } from '../../custody/events';
import { businessDateOf } from '../../matching/time';
import { formatShares, parseShares } from '../../shared/fixed-point';
import { AccountFacts, FactEvent, HoldingRecord, LineRecord, PageLineRecord, PageRecord, StatementRecord } from './documents';
import { Cutoffs, HOLDING_EVIDENCE, INCOMPLETE_STATEMENTS } from './retention';

export const emptyAccountFacts = (custodian: string, account: string): AccountFacts => ({
  kind: 'account', custodian, account, latestRecordedAt: '1970-01-01T00:00:00Z', recentEventIds: [],
  linkedAssetIds: [], baseHoldings: {}, replacedReferences: [], incompleteStatements: [], conflicts: [], movements: {},
});

/** Every page from 1 to the one flagged last has arrived. */
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

/** A page of a superseded statement still missing pages completes it, or is ignored. */
function addToIncomplete(doc: AccountFacts, reference: string, page: PageRecord): AccountFacts {
  const statement = doc.incompleteStatements.find((s) => s.statementReference === reference);
  if (!statement) return doc;
  const updated = withPage(statement, page);
  const others = doc.incompleteStatements.filter((s) => s !== statement);
  return { ...doc, incompleteStatements: isComplete(updated) ? others : [...others, updated] };
}

/** A page line keeps what the custodian stated of the holding, its breakdown included (only what is there: documents stay small). */
const pageLineOf = ({ isin, quantity, available, notAvailable, subBalances }: StatementReceived['data']['positions'][number]): PageLineRecord => ({
  isin, quantity,
  ...(available === undefined ? {} : { available }),
  ...(notAvailable === undefined ? {} : { notAvailable }),
  ...(subBalances === undefined || subBalances.length === 0 ? {} : { subBalances }),
});

/**
 * The latest statement counts: a later business date replaces the current one (whose holdings a
 * DELTA builds on, and which, if still missing pages, stays a missing-page break); another page of
 * the current reference adds lines; another reference of the same date replaces it; an older date
 * only completes a superseded statement.
 */
function receiveStatement(doc: AccountFacts, data: StatementReceived['data'], eventId: string): AccountFacts {
  const page: PageRecord = {
    statementId: data.statementId, page: data.page, lastPage: data.lastPage, receivedAt: data.receivedAt, eventId,
    positions: data.positions.map(pageLineOf),
  };
  const incoming: StatementRecord = { statementReference: data.statementReference, asOf: data.asOf, basis: data.basis, completeness: data.completeness, pages: [page] };
  const current = doc.current;
  if (!current || data.asOf > current.asOf) {
    const superseded = current && !isComplete(current) ? [current] : [];
    const previous = current && { statementReference: current.statementReference, asOf: current.asOf, basis: current.basis, completeness: 'DELTA' as const, pages: [], restored: true as const };
    return {
      ...doc, current: incoming, ...(previous ? { previous } : {}), baseHoldings: current ? holdingsAfter(current, doc.baseHoldings) : {},
      replacedReferences: [], conflicts: [], incompleteStatements: keepIncomplete([...doc.incompleteStatements, ...superseded]),
    };
  }
  if (data.asOf < current.asOf) return addToIncomplete(doc, data.statementReference, page);
  // A restored statement was complete when it was replaced; a late page of it must not add its lines twice.
  if (data.statementReference === current.statementReference) return current.restored ? doc : { ...doc, current: withPage(current, page) };
  if (doc.replacedReferences.includes(data.statementReference)) return doc;
  return { ...doc, current: incoming, previous: current, conflicts: [], replacedReferences: [...doc.replacedReferences, current.statementReference] };
}

/**
 * A cancelled statement stops counting. The current one gives way to the statement it replaced
 * (with its holdings: a break it caused clears, one it hid comes back), or to none; its conflicting
 * deliveries go with it. A superseded one still missing pages is no longer waited for. The custody
 * decider records no page of a cancelled reference afterwards, so nothing brings it back.
 */
function cancelStatement(doc: AccountFacts, { statementReference }: StatementCancelled['data']): AccountFacts {
  const incompleteStatements = doc.incompleteStatements.filter((s) => s.statementReference !== statementReference);
  const { current: _cancelled, previous, ...rest } = doc;
  if (doc.current?.statementReference !== statementReference) {
    const keptPrevious = previous && previous.statementReference !== statementReference ? { previous } : {};
    return { ...rest, ...(doc.current ? { current: doc.current } : {}), ...keptPrevious, incompleteStatements };
  }
  const replacedReferences = doc.replacedReferences.filter((reference) => reference !== previous?.statementReference);
  return { ...rest, ...(previous ? { current: previous } : {}), conflicts: [], replacedReferences, incompleteStatements };
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
    case 'ConflictingDuplicateDetected': {
      const original = doc.current?.pages.find((p) => p.statementId === event.data.statementId);
      if (!original || doc.conflicts.some((c) => c.eventId === eventId)) return doc;
      const positions = event.data.positions.map(({ isin, quantity }) => ({ isin, quantity }));
      return { ...doc, conflicts: [...doc.conflicts, { statementId: event.data.statementId, page: event.data.page, eventId, positions }] };
    }
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

/** Drops movements, and conflicting statements of transactions, older than retention; everything else here is bounded by count. */
export function pruneAccountFacts(doc: AccountFacts, cutoffs: Cutoffs): AccountFacts {
  const kept = Object.entries(doc.movements).filter(([, m]) => businessDateOf(m.movedAt, 'movedAt') >= cutoffs.movements);
  const conflicts = doc.transactionConflicts?.filter((c) => businessDateOf(c.detectedAt, 'detectedAt') >= cutoffs.movements);
  if (kept.length === Object.keys(doc.movements).length && conflicts?.length === doc.transactionConflicts?.length) return doc;
  return { ...doc, movements: Object.fromEntries(kept), ...(conflicts ? { transactionConflicts: conflicts } : {}) };
}
