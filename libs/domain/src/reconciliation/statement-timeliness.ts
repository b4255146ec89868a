import { durationMs, instantMs } from '../matching/time';
import { Finding, findingOf, Run } from './finding';
import { stalenessMs } from './policy';
import { ExpectedStatement, StatementPages } from './snapshot';

/**
 * Stale statement: the account's due statement has not arrived within its grace after the due time
 * (see stalenessMs). Figures: the statement date missing, when it was due, and the date of the latest
 * statement received (absent when none ever arrived). A statement of that date or later clears it.
 */
function staleFinding(run: Run, expected: ExpectedStatement): Finding[] {
  const arrived = expected.latestStatementDate !== undefined && expected.latestStatementDate >= expected.expectedDate;
  if (arrived || run.nowMs <= instantMs(expected.dueAt, 'dueAt') + stalenessMs(run.policy, expected)) return [];
  const latest = expected.latestStatementDate === undefined ? 'none has ever arrived' : `the latest is of ${expected.latestStatementDate}`;
  return [findingOf(run, {
    breakType: 'stale-missing-statement',
    subject: `account:${expected.custodian}:${expected.account}`,
    fault: `custodian:${expected.custodian}`,
    figures: {
      missingStatementDate: expected.expectedDate,
      dueAt: expected.dueAt,
      ...(expected.latestStatementDate === undefined ? {} : { lastReceivedDate: expected.latestStatementDate }),
    },
    reason: `${expected.custodian}/${expected.account}: the statement of ${expected.expectedDate} was due at ${expected.dueAt}; ${latest}`,
    evidence: [expected.eventIds],
  })];
}

/** Missing pages named one figure each (`missingPage3: "3"`), this many at most; `missingPages` counts them all. */
export const MISSING_PAGES_NAMED = 10;

/**
 * Missing page: a multi-page statement still incomplete when the missing-page window after its
 * first page has passed (MT535 28E: a statement is complete when pages 1..n have arrived and page n
 * says LAST). Figures: pagesReceived; once the last page is known, expectedPages and missingPages
 * (how many); and each missing page by its number (missingPage<n>: n; while the last page is
 * unknown, those below the highest received). Figures are decimals, so a page is named by one each.
 */
function missingPageFinding(run: Run, statement: StatementPages): Finding[] {
  const received = new Set(statement.pagesReceived);
  const expectedPages = statement.lastPage;
  const upTo = (last: number) => Array.from({ length: last }, (_, i) => i + 1).filter((page) => !received.has(page));
  const missing = expectedPages === undefined ? undefined : upTo(expectedPages);
  if (missing?.length === 0) return [];
  if (run.nowMs <= instantMs(statement.firstReceivedAt, 'firstReceivedAt') + durationMs(run.policy.windows.missingPage, 'windows.missingPage')) return [];
  const gaps = missing ?? upTo(Math.max(0, ...received));
  const named = Object.fromEntries(gaps.slice(0, MISSING_PAGES_NAMED).map((page) => [`missingPage${page}`, String(page)]));
  const count = { pagesReceived: String(received.size), ...named };
  const figures = missing === undefined ? count : { ...count, expectedPages: String(expectedPages), missingPages: String(missing.length) };
  const gapsText = gaps.length === 0 ? '' : `page(s) ${gaps.join(', ')} missing and `;
  const which = missing === undefined ? `${gapsText}the last page has not arrived` : `page(s) ${missing.join(', ')} of ${expectedPages} missing`;
  return [findingOf(run, {
    breakType: 'stale-missing-statement',
    subject: `statement:${statement.custodian}:${statement.account}:${statement.statementReference}`,
    fault: `custodian:${statement.custodian}`,
    figures,
    reason: `${statement.custodian}/${statement.account} statement ${statement.statementReference} of ${statement.statementDate}: ${which}`,
    evidence: [statement.eventIds],
  })];
}

export function statementTimelinessFindings(run: Run, expected: readonly ExpectedStatement[], pages: readonly StatementPages[]): Finding[] {
  return [...expected.flatMap((e) => staleFinding(run, e)), ...pages.flatMap((p) => missingPageFinding(run, p))];
}
