import { ReceiveStatement } from './commands';
import { CustodyEvent, StatementCancelled, StatementContent } from './events';

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
  /** The page's own SEME, which every account's copy of the page carries, so that a CANC naming it finds it in each. */
  readonly messageReference?: string;
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
  /** The cancellation that withdrew the statement, if one did and no page came after it. */
  readonly cancellation?: StatementWithdrawal;
  /** Pages a cancellation withdrew one by one (23G CANC naming a page's SEME), not received again since. */
  readonly withdrawn?: readonly WithdrawnPage[];
}

export interface StatementWithdrawal {
  readonly cancellationId: string;
  readonly asOf: string;
  /** The message the cancellation's PREV named; absent on cancellations recorded before it was kept. */
  readonly cancels?: string;
  /** The messages (SEMEs) it withdrew; absent on cancellations that withdrew the reference for good. */
  readonly messages?: readonly string[];
}

export interface WithdrawnPage {
  readonly page: number;
  readonly messageReference: string;
  readonly cancellationId: string;
  readonly asOf: string;
}

export interface StatementAssembly {
  /** Page numbers received, ascending. */
  readonly received: readonly number[];
  /** The number of the page flagged last, once it arrived. */
  readonly lastPage?: number;
  /** Pages withdrawn by a cancellation of their own and not replaced since, ascending; absent when none. */
  readonly withdrawn?: readonly number[];
  /** Pages below the last one (or below the highest received, while the last is unknown) that have not arrived. */
  readonly missing: readonly number[];
  readonly complete: boolean;
  /** Every account any page lists, the statement's own first. */
  readonly accounts: readonly string[];
}

/**
 * The pages of one statement among the events of its own account's stream. A withdrawn page leaves
 * until a replacement of its number comes. A withdrawn statement keeps its pages (the accounts they
 * list are the ones to withdraw it from) until a page comes after it: the decider records no message
 * the cancellation withdrew, so that page starts a correction (new messages under the same key).
 */
export function pagesOfStatementIn(events: readonly CustodyEvent[], custodian: string, statementReference: string): PagesOfStatement {
  const pages = new Map<number, PageOfStatement>();
  const withdrawn = new Map<number, WithdrawnPage>();
  let cancellation: StatementWithdrawal | undefined;
  for (const event of events) {
    if (event.data.custodian !== custodian || !('statementReference' in event.data) || event.data.statementReference !== statementReference) continue;
    if (event.type === 'StatementCancelled') cancellation ??= withdrawalOf(event.data);
    if (event.type === 'StatementPageCancelled') {
      const { page, messageReference, cancellationId, asOf } = event.data;
      pages.delete(page);
      withdrawn.set(page, { page, messageReference, cancellationId, asOf });
    }
    if (event.type !== 'StatementReceived') continue;
    if (cancellation?.messages !== undefined) {
      cancellation = undefined;
      pages.clear();
    }
    if (pages.has(event.data.page)) continue;
    const { page, messageReference, lastPage, asOf, basis, completeness, account, pageAccounts } = event.data;
    withdrawn.delete(page);
    pages.set(page, { page, ...(messageReference === undefined ? {} : { messageReference }), lastPage, asOf, basis, completeness, accounts: pageAccounts ?? [account] });
  }
  const sorted = [...pages.values()].sort((a, b) => a.page - b.page);
  const stillWithdrawn = [...withdrawn.values()].sort((a, b) => a.page - b.page);
  return { custodian, statementReference, pages: sorted, ...(cancellation ? { cancellation } : {}), ...(stillWithdrawn.length > 0 ? { withdrawn: stillWithdrawn } : {}) };
}

function withdrawalOf({ cancellationId, asOf, messageReferences }: StatementCancelled['data']): StatementWithdrawal {
  if (messageReferences === undefined) return { cancellationId, asOf };
  return { cancellationId, asOf, ...(messageReferences[0] === undefined ? {} : { cancels: messageReferences[0] }), messages: messageReferences };
}

/**
 * The cancellation that withdrew a message (a page's SEME) in this stream, if one did: one that
 * overtook its message is recorded under the reference its PREV named, not under the statement.
 */
export function cancellationOfMessage(events: readonly CustodyEvent[], custodian: string, messageReference: string): StatementWithdrawal | undefined {
  for (const event of events) {
    if (event.type === 'StatementCancelled' && event.data.custodian === custodian && event.data.messageReferences?.includes(messageReference)) return withdrawalOf(event.data);
  }
  return undefined;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** MT535 28E: the statement is complete when pages 1 to the one marked LAST (or a 1/ONLY) have all arrived. */
export function assembleStatement({ pages, withdrawn }: PagesOfStatement): StatementAssembly {
  const received = pages.map((p) => p.page);
  const lastPage = pages.find((p) => p.lastPage)?.page;
  const upTo = lastPage ?? Math.max(0, ...received);
  const missing = Array.from({ length: upTo }, (_, i) => i + 1).filter((page) => !received.includes(page));
  return {
    received,
    ...(lastPage === undefined ? {} : { lastPage }),
    missing,
    ...(withdrawn === undefined ? {} : { withdrawn: withdrawn.map((w) => w.page) }),
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
        ...(page.messageReference === undefined ? {} : { messageReference: page.messageReference }),
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
