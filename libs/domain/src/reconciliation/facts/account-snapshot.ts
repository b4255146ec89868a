import { orderBy } from '../../matching/order';
import { AccountRef } from '../../matching/settlement-matching';
import { CustodyMovement } from '../../matching/movement-matching';
import { instantMs } from '../../matching/time';
import { formatShares, parseShares } from '../../shared/fixed-point';
import { ConflictingDelivery, CustodyPosition, ExpectedStatement, StatementMovement, StatementPages, UnknownInstrumentLine } from '../snapshot';
import { isComplete, pageRecorded } from './account-facts';
import { AccountFacts, HoldingRecord, LineRecord, StatementRecord } from './documents';
import { BreakdownSum, HoldingBreakdown } from './holding-breakdown';
import { scheduledStatementCalendar } from './scheduled-calendar';
import { StatementCalendar } from './statement-calendar';

const refOf = (doc: AccountFacts): AccountRef => ({ custodian: doc.custodian, account: doc.account });
const pageIds = (statement: StatementRecord | undefined) => (statement ? orderBy(statement.pages, (p) => [p.page, p.eventId]).map((p) => p.eventId) : []);
const quantityOn = (lines: readonly LineRecord[], isin: string) => lines.filter((l) => l.isin === isin).reduce((sum, l) => sum + parseShares(l.quantity), 0n);

/** What the account holds, as its current statement (and, for a delta, the holdings before it) states it. */
export interface AccountHoldings extends AccountRef {
  readonly statementReference: string;
  readonly statementDate: string;
  readonly basis: StatementRecord['basis'];
  /** COMPLETE lists every holding, DELTA changes the holdings before it. */
  readonly completeness: StatementRecord['completeness'];
  /** Every page from 1 to the one flagged last has arrived (see isComplete). */
  readonly allPagesReceived: boolean;
  /** One line per ISIN the statement names or a delta builds on, ISINs in order; quantities summed over the pages. */
  readonly lines: readonly HoldingLine[];
}

export interface HoldingLine extends HoldingBreakdown {
  readonly isin: string;
  readonly quantity: string;
  readonly eventIds: readonly string[];
  /** Statement ids of the pages of the current statement that state the line, in page order. */
  readonly statementIds: readonly string[];
}

/** The holding a DELTA (or a restored statement) builds on; a COMPLETE one states everything itself. */
const baseOf = (doc: AccountFacts, current: StatementRecord, isin: string): HoldingRecord | undefined =>
  (current.completeness === 'DELTA' ? doc.baseHoldings[isin] : undefined);

/**
 * The units the current statement leaves for an ISIN: a COMPLETE one states them (absent = zero),
 * a DELTA (or a restored statement) adds its pages' signed lines to the holding before it. An ISIN
 * on several pages (several sub-safekeeping accounts) holds the sum of its lines.
 */
function unitsOn(doc: AccountFacts, current: StatementRecord, isin: string): bigint {
  const base = baseOf(doc, current, isin);
  return current.pages.reduce((sum, p) => sum + quantityOn(p.positions, isin), base ? parseShares(base.quantity) : 0n);
}

interface Held {
  units: bigint;
  eventIds: Set<string>;
  statementIds: Set<string>;
  breakdown: BreakdownSum;
}

const emptyHeld = (): Held => ({ units: 0n, eventIds: new Set(), statementIds: new Set(), breakdown: new BreakdownSum() });

/**
 * Every line the account holds on its current statement: the custody positions read model's rows.
 * The same sums as `unitsOn`, in one pass over the pages: a statement may list tens of thousands of
 * ISINs, and this runs for every account a batch changes. The breakdown is summed the same way.
 */
export function holdingsOfAccount(doc: AccountFacts): AccountHoldings | undefined {
  const current = doc.current;
  if (!current) return undefined;
  const held = new Map<string, Held>();
  if (current.completeness === 'DELTA') {
    for (const [isin, base] of Object.entries(doc.baseHoldings)) {
      const holding = { ...emptyHeld(), units: parseShares(base.quantity), eventIds: new Set(base.eventIds) };
      holding.breakdown.addUnknown();
      held.set(isin, holding);
    }
  }
  for (const page of orderBy(current.pages, (p) => [p.page, p.eventId])) {
    for (const line of page.positions) {
      const holding = held.get(line.isin) ?? emptyHeld();
      holding.units += parseShares(line.quantity);
      holding.eventIds.add(page.eventId);
      holding.statementIds.add(page.statementId);
      holding.breakdown.add(line);
      held.set(line.isin, holding);
    }
  }
  const lines = [...held].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([isin, { units, eventIds, statementIds, breakdown }]) => ({ isin, quantity: formatShares(units), ...breakdown.result(), eventIds: [...eventIds], statementIds: [...statementIds] }));
  return {
    ...refOf(doc), statementReference: current.statementReference, statementDate: current.asOf, basis: current.basis,
    completeness: current.completeness, allPagesReceived: isComplete(current), lines,
  };
}

/**
 * How the asset's holding moved between the statements that counted: the kept history, then from
 * the statement before the current one (when it is of an earlier date) to the current one.
 */
function statementMovementsOf(doc: AccountFacts, current: StatementRecord, isin: string, quantity: bigint): StatementMovement[] {
  const zero = formatShares(0n);
  const history = (doc.statementMovements ?? []).map(({ fromDate, toDate, statementReference, changes }) =>
    ({ fromDate, toDate, statementReference, quantity: changes[isin]?.quantity ?? zero, eventIds: changes[isin]?.eventIds ?? [] }));
  if (doc.baseAsOf === undefined || current.restored || doc.baseAsOf >= current.asOf) return history;
  const base = doc.baseHoldings[isin];
  const live = {
    fromDate: doc.baseAsOf, toDate: current.asOf, statementReference: current.statementReference,
    quantity: formatShares(quantity - parseShares(base?.quantity ?? zero)), eventIds: [...(base?.eventIds ?? []), ...pageIds(current)],
  };
  return [...history, live];
}

/** The asset's line on the current statement: "0" when a complete one has none; a delta adds to the holding before it. */
export function positionOf(doc: AccountFacts, isin: string): CustodyPosition | undefined {
  const current = doc.current;
  if (!current) return undefined;
  const units = unitsOn(doc, current, isin);
  const movements = statementMovementsOf(doc, current, isin, units);
  return {
    ...refOf(doc), quantity: formatShares(units), statementDate: current.asOf, statementReference: current.statementReference, basis: current.basis,
    eventIds: [...new Set([...(baseOf(doc, current, isin)?.eventIds ?? []), ...pageIds(current)])],
    ...(movements.length > 0 ? { statementMovements: movements } : {}),
  };
}

/** The statement due at `now`: by the account's approved schedule (and its grace), else by the default calendar. */
export function expectedOf(doc: AccountFacts, calendar: StatementCalendar, now: string): ExpectedStatement | undefined {
  const own = doc.schedule?.schedule;
  const due = (own ? scheduledStatementCalendar(own) : calendar).expectedFor(refOf(doc), now);
  if (!due) return undefined;
  const evidence = [...(doc.schedule ? [doc.schedule.eventId] : []), ...pageIds(doc.current)];
  return { ...refOf(doc), ...due, ...(own ? { grace: own.grace } : {}), ...(doc.current ? { latestStatementDate: doc.current.asOf } : {}), eventIds: evidence };
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

/** Lines of the current statement for ISINs no asset maps to and the account does not ignore, with what the account holds of each. */
export function unknownInstrumentsOf(doc: AccountFacts, assetIdsByIsin: ReadonlyMap<string, string>): UnknownInstrumentLine[] {
  const holdings = holdingsOfAccount(doc);
  if (!holdings) return [];
  const ignored = new Set(doc.ignoredIsins ?? []);
  return holdings.lines.filter((line) => !assetIdsByIsin.has(line.isin) && !ignored.has(line.isin)).map(({ isin, quantity, eventIds }) => ({
    ...refOf(doc), isin, quantity, eventIds, statementReference: holdings.statementReference, statementDate: holdings.statementDate,
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

/**
 * A page delivered again with other holdings, for this asset's ISIN: only when the asset's quantity
 * differs between the delivery that counts and the redelivery, so each instrument that changed is
 * a break of its own (with both quantities) and one that did not raises nothing.
 */
export function conflictingDuplicatesOf(doc: AccountFacts, isin: string): ConflictingDelivery[] {
  const holdings = doc.conflicts.flatMap((conflict) => {
    const recorded = pageRecorded(doc, conflict.statementId);
    if (!recorded) return [];
    const original = quantityOn(recorded.page.positions, isin);
    const redelivered = quantityOn(conflict.positions, isin);
    if (original === redelivered) return [];
    return [{
      ...refOf(doc), statementId: conflict.statementId, statementReference: recorded.statement.statementReference, page: conflict.page,
      originalQuantity: formatShares(original), conflictingQuantity: formatShares(redelivered),
      eventIds: [recorded.page.eventId, conflict.eventId],
    }];
  });
  return [...holdings, ...conflictingTransactionsOf(doc, isin)];
}

export function movementsOf(doc: AccountFacts, isin: string): CustodyMovement[] {
  const ofIsin = Object.values(doc.movements).filter((m) => m.isin === isin);
  return orderBy(ofIsin, (m) => [instantMs(m.movedAt, 'movedAt'), m.movementId]).map(({ movementId, quantity, movedAt, eventId }) =>
    ({ ...refOf(doc), movementId, quantity, movedAt, eventIds: [eventId] }));
}
