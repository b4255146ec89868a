import { orderBy } from '../matching/order';
import { canonicalJson } from '../shared/canonical';
import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { CancelStatement, CancelTransactions, CustodyCommand, ReceiveStatement, RecordCustodyMovement, RecordTransactionsPage } from './commands';
import { CustodyEvent, CustodyMovementRecorded, StatementCancelled, StatementContent, StatementPageCancelled, StatementPosition, TransactionsPostingContent } from './events';
import { normalizedStatement } from './statement';

/** A page that counts: the id it was recorded under and its content in canonical form. */
export interface RecordedPage {
  readonly statementId: string;
  readonly fingerprint: string;
  /** The page's SEME; absent on pages recorded before it was kept. */
  readonly messageReference?: string;
  readonly lastPage: boolean;
}

export type CustodyState =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'Active';
      readonly custodian: string;
      readonly account: string;
      /**
       * Statement reference → page number → the delivery that counts. A page is known by its
       * reference and number within the account's stream, not by its statement id: ids gained the
       * account later, and a page stored under an older id must still be recognised.
       */
      readonly statements: ReadonlyMap<string, ReadonlyMap<number, RecordedPage>>;
      /** `<reference, page, fingerprint>` of conflicting deliveries already flagged, so each is flagged once. */
      readonly conflicts: ReadonlySet<string>;
      /**
       * Messages withdrawn by a cancellation, by their SEME (a page, or the reference a cancellation
       * named that was never seen), and statement references withdrawn for good by cancellations
       * recorded before the SEMEs were kept.
       */
      readonly cancelled: ReadonlySet<string>;
      /** movementId → canonical content (without the page it was posted on). */
      readonly movements: ReadonlyMap<string, string>;
      /** `<reference, page>` of a statement of transactions → the fingerprint of the postings that count. */
      readonly transactionPages: ReadonlyMap<string, string>;
      /** Statement of transactions references withdrawn by a cancellation (absent on states built before it existed). */
      readonly cancelledTransactions?: ReadonlySet<string>;
    };

type Active = Extract<CustodyState, { status: 'Active' }>;

function requireSameAccount(state: CustodyState, custodian: string, account: string): Active | undefined {
  if (state.status === 'Empty') return undefined;
  if (state.custodian !== custodian || state.account !== account) {
    throw new DomainError('WRONG_STREAM', `custody stream of ${state.custodian}/${state.account} got a command for ${custodian}/${account}`);
  }
  return state;
}

const conflictKey = (content: StatementContent, fingerprint: string): string => canonicalJson([content.statementReference, content.page, fingerprint]);

/**
 * What a custodian said on the page. Leaves out the id, the time of recording, whether the delivery
 * was a copy and which accounts the page listed: two deliveries that state the same holdings are the
 * same page, whatever else differs. Sub-balances are left out too: a redelivery differing only in
 * its sub-balance breakdown is the same page (nothing is recorded, the first delivery's breakdown
 * stays). The breakdown explains a holding, it does not change it; and pages recorded before
 * sub-balances were kept would otherwise turn every redelivery of them into a conflict.
 */
function fingerprintOf({ custodian, account, statementReference, page, lastPage, asOf, basis, completeness, positions }: StatementContent): string {
  return canonicalJson({ custodian, account, statementReference, page, lastPage, asOf, basis, completeness, positions: positions.map(withoutSubBalances) });
}

const withoutSubBalances = ({ subBalances: _breakdown, ...holding }: StatementPosition): StatementPosition => holding;

/** Where the account recorded the page whose SEME is `messageReference`, if it did. */
function pageWithMessage(active: Active | undefined, messageReference: string): { statementReference: string; page: number; recorded: RecordedPage } | undefined {
  for (const [statementReference, pages] of active?.statements ?? []) {
    for (const [page, recorded] of pages) if (recorded.messageReference === messageReference) return { statementReference, page, recorded };
  }
  return undefined;
}

/**
 * A new page is recorded; the same holdings again (a redelivery, a copy, the original after its copy)
 * decide nothing; other holdings under a recorded page are flagged once per version, never taken.
 * A redelivery is the same page by its SEME or by its statement key and page number (MT535 usage
 * rule: a COPY or DUPL restates a message already sent, and a page is identified by its 28E number
 * within its statement). A withdrawn message stays withdrawn: a page whose SEME (or, recorded before
 * SEMEs were kept, whose statement) was cancelled is not recorded, whenever it comes.
 */
function receiveStatement(command: ReceiveStatement, state: CustodyState): CustodyEvent[] {
  const content = normalizedStatement(command);
  const active = requireSameAccount(state, content.custodian, content.account);
  const { messageReference } = content;
  if (active?.cancelled.has(content.statementReference) || (messageReference !== undefined && active?.cancelled.has(messageReference))) return [];
  const fingerprint = fingerprintOf(content);
  // The same SEME on the same page number is this page again whatever else changed (its date, so its key).
  const sameMessage = messageReference === undefined ? undefined : pageWithMessage(active, messageReference);
  const known = active?.statements.get(content.statementReference)?.get(content.page) ?? (sameMessage?.page === content.page ? sameMessage.recorded : undefined);
  if (known === undefined) return [{ type: 'StatementReceived', data: { ...content, receivedAt: command.metadata.now } }];
  if (known.fingerprint === fingerprint || active?.conflicts.has(conflictKey(content, fingerprint))) return [];
  return [{ type: 'ConflictingDuplicateDetected', data: { ...content, statementId: known.statementId, detectedAt: command.metadata.now } }];
}

const pagesOf = (active: Active | undefined, statementReference: string): number[] =>
  [...(active?.statements.get(statementReference)?.keys() ?? [])].sort((a, b) => a - b);

const messagesOf = (active: Active | undefined, statementReference: string): string[] =>
  [...(active?.statements.get(statementReference)?.values() ?? [])].flatMap((page) => (page.messageReference === undefined ? [] : [page.messageReference]));

/**
 * MT535 23G CANC withdraws the message its 20C::PREV names (MT535 network validated rule: a CANC
 * must have a LINK with PREV). Each page is a message of its own, so:
 * - PREV a page of a multi-page statement: that page only (StatementPageCancelled);
 * - PREV the only page (28E 1/ONLY), or the statement's own reference: the statement;
 * - PREV never seen: recorded once all the same (a cancellation can overtake its message), so the
 *   message is not recorded when it comes.
 * A command without `cancels` withdraws its statement reference for good, as before PREV was read.
 */
function cancelStatement({ data, metadata }: CancelStatement, state: CustodyState): CustodyEvent[] {
  const cancellation: StatementCancelled['data'] = {
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    statementReference: guard.nonEmpty(data.statementReference, 'statementReference'),
    pages: [],
    cancellationId: guard.nonEmpty(data.cancellationId, 'cancellationId'),
    asOf: guard.businessDate(data.asOf, 'asOf'),
    cancelledAt: metadata.now,
  };
  const active = requireSameAccount(state, cancellation.custodian, cancellation.account);
  if (data.cancels === undefined) {
    if (active?.cancelled.has(cancellation.statementReference)) return [];
    return [{ type: 'StatementCancelled', data: { ...cancellation, pages: pagesOf(active, cancellation.statementReference) } }];
  }
  const target = guard.nonEmpty(data.cancels, 'cancels');
  if (active?.cancelled.has(target)) return [];
  const found = active?.statements.has(target) ? undefined : pageWithMessage(active, target);
  if (found) {
    const pages = pagesOf(active, found.statementReference);
    const onlyPage = pages.length === 1 && found.page === 1 && found.recorded.lastPage;
    if (!onlyPage) {
      const { custodian, account, cancellationId, asOf, cancelledAt } = cancellation;
      const withdrawn: StatementPageCancelled['data'] = { custodian, account, statementReference: found.statementReference, page: found.page, messageReference: target, cancellationId, asOf, cancelledAt };
      return [{ type: 'StatementPageCancelled', data: withdrawn }];
    }
    return [{ type: 'StatementCancelled', data: { ...cancellation, statementReference: found.statementReference, pages, messageReferences: [target] } }];
  }
  const messageReferences = [...new Set([target, ...messagesOf(active, target)])];
  return [{ type: 'StatementCancelled', data: { ...cancellation, statementReference: target, pages: pagesOf(active, target), messageReferences } }];
}

type MovementData = Omit<CustodyMovementRecorded['data'], 'statementReference' | 'page'>;

function movementOf(data: RecordCustodyMovement['data']): MovementData {
  return {
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    isin: guard.isin(data.isin),
    quantity: formatShares(guard.shares(data.quantity, 'quantity', 'non-zero')),
    movementId: guard.nonEmpty(data.movementId, 'movementId'),
    reason: guard.nonEmpty(data.reason, 'reason'),
    movedAt: guard.timestamp(data.movedAt, 'movedAt'),
  };
}

/** What identifies a movement's content, whichever page (if any) it was posted on. */
const movementContent = ({ custodian, account, isin, quantity, movementId, reason, movedAt }: MovementData): string =>
  canonicalJson({ custodian, account, isin, quantity, movementId, reason, movedAt });

function recordCustodyMovement({ data }: RecordCustodyMovement, state: CustodyState): CustodyEvent[] {
  const movement = movementOf(data);
  const active = requireSameAccount(state, movement.custodian, movement.account);
  const known = active?.movements.get(movement.movementId);
  if (known === undefined) return [{ type: 'CustodyMovementRecorded', data: movement }];
  if (known === movementContent(movement)) return [];
  // A movement sent on its own names its id; two versions of one id is a client error, refused.
  throw new DomainError('CONFLICTING_MOVEMENT', `movement ${movement.movementId} was recorded with different content`);
}

const postingOf = ({ movementId, isin, quantity, reason, movedAt }: MovementData): TransactionsPostingContent => ({ movementId, isin, quantity, reason, movedAt });
const inPostingOrder = (postings: readonly TransactionsPostingContent[]) => orderBy(postings, (p) => [p.movementId]);
const transactionsPageKey = (statementReference: string, page: number): string => canonicalJson(['transactions', statementReference, page]);
const postingsFingerprint = (postings: readonly TransactionsPostingContent[]): string => canonicalJson(postings);

/**
 * A statement of transactions page: its postings are recorded together the first time; the same
 * postings again decide nothing; other postings under a recorded reference and page (or under a
 * movement id already recorded otherwise) are flagged once per version, and none of them is taken.
 */
function recordTransactionsPage({ data, metadata }: RecordTransactionsPage, state: CustodyState): CustodyEvent[] {
  const custodian = guard.nonEmpty(data.custodian, 'custodian');
  const account = guard.nonEmpty(data.account, 'account');
  const statementReference = guard.nonEmpty(data.statementReference, 'statementReference');
  const page = guard.positiveInteger(data.page, 'page');
  const movements = data.postings.map((posting) => movementOf({ ...posting, custodian, account }));
  const active = requireSameAccount(state, custodian, account);
  if (active?.cancelledTransactions?.has(statementReference)) return [];
  const postings = inPostingOrder(movements.map(postingOf));
  const fingerprint = postingsFingerprint(postings);
  const key = transactionsPageKey(statementReference, page);
  const knownPage = active?.transactionPages.get(key);
  if (knownPage === fingerprint) return [];
  const conflicting = knownPage !== undefined || movements.some((m) => {
    const known = active?.movements.get(m.movementId);
    return known !== undefined && known !== movementContent(m);
  });
  if (!conflicting) {
    return movements
      .filter((m) => active?.movements.get(m.movementId) === undefined)
      .map((m): CustodyEvent => ({ type: 'CustodyMovementRecorded', data: { ...m, statementReference, page } }));
  }
  if (active?.conflicts.has(canonicalJson([key, fingerprint]))) return [];
  return [{ type: 'ConflictingTransactionsDetected', data: { custodian, account, statementReference, page, postings, detectedAt: metadata.now } }];
}

/** Pages of a statement of transactions this account recorded movements of, ascending. */
function transactionPagesOf(active: Active | undefined, statementReference: string): number[] {
  const pages = [...(active?.transactionPages.keys() ?? [])].map((key) => JSON.parse(key) as [string, string, number]);
  return pages.filter(([, reference]) => reference === statementReference).map(([, , page]) => page).sort((a, b) => a - b);
}

/**
 * MT536 23G CANC: the statement of transactions is withdrawn in the account, once; its movements
 * stop counting in the readers, and pages of it delivered later are not recorded. A cancellation of
 * a reference never seen is recorded too (it may overtake the statement), as for holdings.
 */
function cancelTransactions({ data, metadata }: CancelTransactions, state: CustodyState): CustodyEvent[] {
  const cancellation = {
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    statementReference: guard.nonEmpty(data.statementReference, 'statementReference'),
    cancellationId: guard.nonEmpty(data.cancellationId, 'cancellationId'),
    asOf: guard.businessDate(data.asOf, 'asOf'),
  };
  const active = requireSameAccount(state, cancellation.custodian, cancellation.account);
  if (active?.cancelledTransactions?.has(cancellation.statementReference)) return [];
  const pages = transactionPagesOf(active, cancellation.statementReference);
  return [{ type: 'TransactionsCancelled', data: { ...cancellation, pages, cancelledAt: metadata.now } }];
}

function decide(command: CustodyCommand, state: CustodyState): CustodyEvent[] {
  switch (command.type) {
    case 'ReceiveStatement':
      return receiveStatement(command, state);
    case 'CancelStatement':
      return cancelStatement(command, state);
    case 'RecordCustodyMovement':
      return recordCustodyMovement(command, state);
    case 'RecordTransactionsPage':
      return recordTransactionsPage(command, state);
    case 'CancelTransactions':
      return cancelTransactions(command, state);
    default:
      return assertNever(command);
  }
}

function activated(state: CustodyState, custodian: string, account: string): Active {
  return state.status === 'Active'
    ? state
    : { status: 'Active', custodian, account, statements: new Map(), conflicts: new Set(), cancelled: new Set(), movements: new Map(), transactionPages: new Map() };
}

function withPage(active: Active, content: StatementContent): Active {
  const { statementId, messageReference, lastPage } = content;
  const recorded: RecordedPage = { statementId, fingerprint: fingerprintOf(content), lastPage, ...(messageReference === undefined ? {} : { messageReference }) };
  const pages = new Map(active.statements.get(content.statementReference)).set(content.page, recorded);
  return { ...active, statements: new Map(active.statements).set(content.statementReference, pages) };
}

/** A withdrawn page is forgotten (a replacement of its number is a new page) and its SEME is never recorded again. */
function withoutPage(active: Active, { statementReference, page, messageReference }: StatementPageCancelled['data']): Active {
  const pages = new Map(active.statements.get(statementReference));
  pages.delete(page);
  return { ...active, statements: new Map(active.statements).set(statementReference, pages), cancelled: new Set(active.cancelled).add(messageReference) };
}

/**
 * A cancellation that names the messages it withdrew forgets the statement's pages and never records
 * those messages again: a corrected statement, sent as new messages under the same key, is recorded.
 * One recorded before they were named withdrew its reference for good.
 */
function withoutStatement(active: Active, { statementReference, messageReferences }: StatementCancelled['data']): Active {
  if (messageReferences === undefined) return { ...active, cancelled: new Set(active.cancelled).add(statementReference) };
  const statements = new Map(active.statements);
  statements.delete(statementReference);
  return { ...active, statements, cancelled: new Set([...active.cancelled, ...messageReferences]) };
}

/** A movement counts by its id; one posted on a statement of transactions page adds to that page's fingerprint. */
function withMovement(active: Active, data: CustodyMovementRecorded['data']): Active {
  const movements = new Map(active.movements).set(data.movementId, movementContent(data));
  if (data.statementReference === undefined || data.page === undefined) return { ...active, movements };
  const key = transactionsPageKey(data.statementReference, data.page);
  const known: TransactionsPostingContent[] = JSON.parse(active.transactionPages.get(key) ?? '[]');
  const postings = inPostingOrder([...known.filter((p) => p.movementId !== data.movementId), postingOf(data)]);
  return { ...active, movements, transactionPages: new Map(active.transactionPages).set(key, postingsFingerprint(postings)) };
}

function evolve(state: CustodyState, event: CustodyEvent): CustodyState {
  const active = activated(state, event.data.custodian, event.data.account);
  switch (event.type) {
    case 'StatementReceived':
      return withPage(active, event.data);
    case 'ConflictingDuplicateDetected':
      return { ...active, conflicts: new Set(active.conflicts).add(conflictKey(event.data, fingerprintOf(event.data))) };
    case 'StatementCancelled':
      return withoutStatement(active, event.data);
    case 'StatementPageCancelled':
      return withoutPage(active, event.data);
    case 'CustodyMovementRecorded':
      return withMovement(active, event.data);
    case 'ConflictingTransactionsDetected': {
      const key = transactionsPageKey(event.data.statementReference, event.data.page);
      return { ...active, conflicts: new Set(active.conflicts).add(canonicalJson([key, postingsFingerprint(event.data.postings)])) };
    }
    case 'TransactionsCancelled':
      return { ...active, cancelledTransactions: new Set(active.cancelledTransactions).add(event.data.statementReference) };
    default:
      return assertNever(event);
  }
}

const initialState = (): CustodyState => ({ status: 'Empty' });

export const custodyDecider: Decider<CustodyCommand, CustodyEvent, CustodyState> = { decide, evolve, initialState };
