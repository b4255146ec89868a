import { orderBy } from '../../matching/order';
import { AccountRef } from '../../matching/settlement-matching';
import { CustodyMovement } from '../../matching/movement-matching';
import { instantMs } from '../../matching/time';
import { formatShares, parseShares } from '../../shared/fixed-point';
import { ConflictingDelivery, CustodyPosition, ExpectedStatement, StatementPages, UnknownInstrumentLine } from '../snapshot';
import { isComplete } from './account-facts';
import { AccountFacts, LineRecord, StatementRecord } from './documents';
import { StatementCalendar } from './statement-calendar';

const refOf = (doc: AccountFacts): AccountRef => ({ custodian: doc.custodian, account: doc.account });
const pageIds = (statement: StatementRecord | undefined) => (statement ? orderBy(statement.pages, (p) => [p.page, p.eventId]).map((p) => p.eventId) : []);
const quantityOn = (lines: readonly LineRecord[], isin: string) => lines.filter((l) => l.isin === isin).reduce((sum, l) => sum + parseShares(l.quantity), 0n);

/** The asset's line on the current statement: "0" when a complete one has none; a delta adds to the holding before it. */
export function positionOf(doc: AccountFacts, isin: string): CustodyPosition | undefined {
  const current = doc.current;
  if (!current) return undefined;
  const base = current.completeness === 'DELTA' ? doc.baseHoldings[isin] : undefined;
  const units = current.pages.reduce((sum, p) => sum + quantityOn(p.positions, isin), base ? parseShares(base.quantity) : 0n);
  return {
    ...refOf(doc), quantity: formatShares(units), statementDate: current.asOf, statementReference: current.statementReference, basis: current.basis,
    eventIds: [...new Set([...(base?.eventIds ?? []), ...pageIds(current)])],
  };
}

export function expectedOf(doc: AccountFacts, calendar: StatementCalendar, now: string): ExpectedStatement | undefined {
  const due = calendar.expectedFor(refOf(doc), now);
  if (!due) return undefined;
  return { ...refOf(doc), ...due, ...(doc.current ? { latestStatementDate: doc.current.asOf } : {}), eventIds: pageIds(doc.current) };
}

function pagesOf(doc: AccountFacts, statement: StatementRecord): StatementPages {
  const last = statement.pages.find((p) => p.lastPage)?.page;
  const first = orderBy(statement.pages, (p) => [instantMs(p.receivedAt, 'receivedAt')])[0];
  return {
    ...refOf(doc), statementReference: statement.statementReference, statementDate: statement.asOf,
    pagesReceived: statement.pages.map((p) => p.page).sort((a, b) => a - b), ...(last === undefined ? {} : { lastPage: last }),
    firstReceivedAt: first?.receivedAt ?? '', eventIds: pageIds(statement),
  };
}

/** Statements of several pages, and any still missing pages: a single complete page has nothing to assemble. */
export function statementPagesOf(doc: AccountFacts): StatementPages[] {
  const current = doc.current && (doc.current.pages.length > 1 || !isComplete(doc.current)) ? [doc.current] : [];
  return [...current, ...doc.incompleteStatements].map((s) => pagesOf(doc, s));
}

export function unknownInstrumentsOf(doc: AccountFacts, assetIdsByIsin: ReadonlyMap<string, string>): UnknownInstrumentLine[] {
  const current = doc.current;
  if (!current) return [];
  // A restored statement has no pages: its lines are the holdings it left.
  const isins = current.restored ? Object.keys(doc.baseHoldings) : current.pages.flatMap((p) => p.positions.map((l) => l.isin));
  const unknown = [...new Set(isins)].filter((isin) => !assetIdsByIsin.has(isin)).sort();
  return unknown.map((isin) => ({
    ...refOf(doc), isin, statementReference: current.statementReference, statementDate: current.asOf,
    ...(current.restored
      ? { quantity: formatShares(parseShares(doc.baseHoldings[isin]?.quantity ?? '0')), eventIds: doc.baseHoldings[isin]?.eventIds ?? [] }
      : {
        quantity: formatShares(current.pages.reduce((sum, p) => sum + quantityOn(p.positions, isin), 0n)),
        eventIds: pageIds({ ...current, pages: current.pages.filter((p) => p.positions.some((l) => l.isin === isin)) }),
      }),
  }));
}

/** Conflicting statements of transactions: reported for every asset of the account, like those of holdings ("0" when the ISIN has no posting). */
function conflictingTransactionsOf(doc: AccountFacts, isin: string): ConflictingDelivery[] {
  return (doc.transactionConflicts ?? []).map((conflict) => ({
    ...refOf(doc), statementId: `transactions:${doc.custodian}:${doc.account}:${conflict.statementReference}:${conflict.page}`,
    statementReference: conflict.statementReference, page: conflict.page,
    originalQuantity: formatShares(quantityOn(conflict.original, isin)), conflictingQuantity: formatShares(quantityOn(conflict.conflicting, isin)),
    eventIds: [...conflict.originalEventIds, conflict.eventId],
  }));
}

export function conflictingDuplicatesOf(doc: AccountFacts, isin: string): ConflictingDelivery[] {
  const current = doc.current;
  const holdings = doc.conflicts.flatMap((conflict) => {
    const original = current?.pages.find((p) => p.statementId === conflict.statementId);
    if (!current || !original) return [];
    return [{
      ...refOf(doc), statementId: conflict.statementId, statementReference: current.statementReference, page: conflict.page,
      originalQuantity: formatShares(quantityOn(original.positions, isin)), conflictingQuantity: formatShares(quantityOn(conflict.positions, isin)),
      eventIds: [original.eventId, conflict.eventId],
    }];
  });
  return [...holdings, ...conflictingTransactionsOf(doc, isin)];
}

export function movementsOf(doc: AccountFacts, isin: string): CustodyMovement[] {
  const ofIsin = Object.values(doc.movements).filter((m) => m.isin === isin);
  return orderBy(ofIsin, (m) => [instantMs(m.movedAt, 'movedAt'), m.movementId]).map(({ movementId, quantity, movedAt, eventId }) =>
    ({ ...refOf(doc), movementId, quantity, movedAt, eventIds: [eventId] }));
}
