import { AsOf, PageContinuation, StatementBasis, StatementBasisCode } from './statement';

export const BASIS_CODES: Readonly<Record<StatementBasis, StatementBasisCode>> = { SETTLED: 'SETT', TRADED: 'TRAD', CONTRACTUAL: 'CONT' };

/** `2024-06-28`, `2024-06-28T17:30:00`, `2024-06-28T17:30:00+02:00`. */
export function statementDateTimeOf(asOf: AsOf): string {
  if (asOf.time === undefined) return asOf.date;
  return `${asOf.date}T${asOf.time}${asOf.utcOffset ?? ''}`;
}

/** 28E's indicator from a page number and a last-page flag (semt.002 and CSV give only those). */
export function continuationOf(page: number, lastPage: boolean): PageContinuation {
  if (!lastPage) return 'MORE';
  return page === 1 ? 'ONLY' : 'LAST';
}

export interface StatementKeyParts {
  readonly kind: 'HOLDINGS' | 'TRANSACTIONS';
  /** Normalised BIC (normalizeBic), so BIC8 and BIC11 `XXX` give one key. */
  readonly custodian: string;
  readonly account: string;
  readonly statementDateTime: string;
  readonly statementType: string;
  readonly basisCode: StatementBasisCode;
}

const escaped = (part: string): string => part.replace(/[\\|]/g, (char) => `\\${char}`);

/**
 * The key that groups the pages of one statement. SWIFT gives each page of an MT535/MT536 its own
 * SEME, so the reference cannot group them; the pages of one statement share the sender, the
 * safekeeping account, the statement date (and time), the statement type and the basis (MT535
 * sequence A). The kind keeps a statement of holdings and one of transactions of the same day apart.
 * Parts are joined by `|` (a `|` or `\` inside a part is escaped), so the key is deterministic,
 * readable and unambiguous: `HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT`.
 */
export function statementKeyOf(parts: StatementKeyParts): string {
  return [parts.kind, parts.custodian, parts.account, parts.statementDateTime, parts.statementType, parts.basisCode].map(escaped).join('|');
}

/** Completes a header with its statement date-time text and its statement key. */
export function keyed<H extends Omit<StatementKeyParts, 'kind' | 'statementDateTime'>>(
  kind: StatementKeyParts['kind'],
  header: H,
  statementDateTime: string,
): H & { readonly statementDateTime: string; readonly statementKey: string } {
  return { ...header, statementDateTime, statementKey: statementKeyOf({ ...header, kind, statementDateTime }) };
}
