import { ReceiveStatement } from './commands';
import { CustodyEvent, StatementContent } from './events';

/**
 * Page assembly is per statement reference. A multi-page statement reports its own account (MT535
 * GENL 97A) on every page, but a sub-safekeeping account may appear on some pages only: the lending
 * sub-account on page 1 of 2, say. Read per account, that account would wait for a page 2 that will
 * never name it. So the pages are assembled from the statement's own account, which sees every
 * page and the accounts each one lists, and every account of the statement is given every page:
 * the page's own lines, or an empty page that says the page had none for it. Then an account's
 * statement is complete exactly when the statement is, for every reader that assembles per account.
 */

/** One page of a statement as the statement's own account recorded it. */
export interface PageOfStatement {
  readonly page: number;
  readonly lastPage: boolean;
  readonly asOf: string;
  readonly basis: StatementContent['basis'];
  readonly completeness: StatementContent['completeness'];
  /** The accounts the page lists. */
  readonly accounts: readonly string[];
}

export interface PagesOfStatement {
  readonly custodian: string;
  readonly statementReference: string;
  /** Ascending by page number. */
  readonly pages: readonly PageOfStatement[];
  /** The cancellation that withdrew the statement, if one did. */
  readonly cancellation?: { readonly cancellationId: string; readonly asOf: string };
}

export interface StatementAssembly {
  /** Page numbers received, ascending. */
  readonly received: readonly number[];
  /** The number of the page flagged last, once it arrived. */
  readonly lastPage?: number;
  /** Pages below the last one (or below the highest received, while the last is unknown) that have not arrived. */
  readonly missing: readonly number[];
  readonly complete: boolean;
  /** Every account any page lists, the statement's own first. */
  readonly accounts: readonly string[];
}

/** The pages of one statement among the events of its own account's stream. */
export function pagesOfStatementIn(events: readonly CustodyEvent[], custodian: string, statementReference: string): PagesOfStatement {
  const pages = new Map<number, PageOfStatement>();
  let cancellation: PagesOfStatement['cancellation'];
  for (const event of events) {
    if (event.data.custodian !== custodian || !('statementReference' in event.data) || event.data.statementReference !== statementReference) continue;
    if (event.type === 'StatementCancelled') cancellation ??= { cancellationId: event.data.cancellationId, asOf: event.data.asOf };
    if (event.type !== 'StatementReceived' || pages.has(event.data.page)) continue;
    const { page, lastPage, asOf, basis, completeness, account, pageAccounts } = event.data;
    pages.set(page, { page, lastPage, asOf, basis, completeness, accounts: pageAccounts ?? [account] });
  }
  const sorted = [...pages.values()].sort((a, b) => a.page - b.page);
  return { custodian, statementReference, pages: sorted, ...(cancellation ? { cancellation } : {}) };
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

export function assembleStatement({ pages }: PagesOfStatement): StatementAssembly {
  const received = pages.map((p) => p.page);
  const lastPage = pages.find((p) => p.lastPage)?.page;
  const upTo = lastPage ?? Math.max(0, ...received);
  const missing = Array.from({ length: upTo }, (_, i) => i + 1).filter((page) => !received.includes(page));
  return {
    received,
    ...(lastPage === undefined ? {} : { lastPage }),
    missing,
    complete: lastPage !== undefined && missing.length === 0,
    accounts: unique(pages.flatMap((p) => p.accounts)),
  };
}

/**
 * The empty pages that give every account of the statement every received page: for each page,
 * each account of the statement the page does not list. Content the edge gives an id to and sends
 * as ReceiveStatement; sent again, it decides nothing.
 */
export function pagesToFillIn(statement: PagesOfStatement): Array<Omit<ReceiveStatement['data'], 'statementId'>> {
  const { accounts } = assembleStatement(statement);
  return statement.pages.flatMap((page) =>
    accounts
      .filter((account) => !page.accounts.includes(account))
      .map((account) => ({
        custodian: statement.custodian,
        account,
        statementReference: statement.statementReference,
        page: page.page,
        lastPage: page.lastPage,
        asOf: page.asOf,
        basis: page.basis,
        completeness: page.completeness,
        positions: [],
        pageAccounts: page.accounts,
      })),
  );
}
