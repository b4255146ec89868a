import { DomainEvent } from '../shared/event';

export type StatementBasis = 'SETTLED' | 'TRADED';
/** COMPLETE lists every holding of the account (absent = zero); DELTA lists changed holdings only. */
export type StatementCompleteness = 'COMPLETE' | 'DELTA';
/** MT535 23G `/COPY`, `/DUPL`, `/CODU` (semt.002 CpyDplct): a restatement of a statement, not a new fact. */
export type StatementCopy = 'COPY' | 'DUPLICATE' | 'COPY_DUPLICATE';

/** Whether a sub-balance may be delivered or sold (MT535 93C availability indicator AVAI / NAVL). */
export type SubBalanceAvailability = 'AVAILABLE' | 'NOT_AVAILABLE';

/**
 * One part of a holding as the custodian broke it down: MT535 B1b SUBBAL field 93C
 * `:4!c//4!c/4!c/[N]15d` (qualifier such as BLOK, PEND, PENR, AWAS, PLED, COLO, BORR, the quantity
 * type, then AVAI or NAVL), or 93B AVAI / NAVL per place of safekeeping in older releases; semt.002
 * `BalBrkdwn` with its `SubBalTp` (SecuritiesBalanceType12Code, or a proprietary code with its issuer)
 * and `BalAtSfkpgPlc`.
 */
export interface PositionSubBalance {
  /** The balance type code as sent: BLOK, PEND, PENR, AWAS, AVAI, NAVL … or a proprietary code. */
  readonly code: string;
  /** Signed decimal string in shares: a pending receipt may be reported negative. */
  readonly quantity: string;
  readonly availability: SubBalanceAvailability;
  /** The place of safekeeping the part is held at (94F, SfkpgPlc), when the breakdown is per place. */
  readonly placeOfSafekeeping?: string;
  /** Issuer of a proprietary code (93C data source scheme, SubBalTp/Prtry/Issr); absent for the standard codes. */
  readonly dataSourceScheme?: string;
}

export interface StatementPosition {
  readonly isin: string;
  /** Aggregate balance, decimal string, in shares (UNIT): the decider refuses any other quantity type. */
  readonly quantity: string;
  /**
   * Sub-balances as custodians report them (MT535 AVAI / NAVL); when both are given they sum to
   * quantity. Either may be negative: a not-available balance of -50 (a pending receipt) raises the
   * available one above the holding.
   */
  readonly available?: string;
  readonly notAvailable?: string;
  /**
   * Every sub-balance the custodian reported, in canonical order (code, place, scheme,
   * availability). Not part of what makes two deliveries of a page the same page: see the custody
   * decider's fingerprint. Absent when none was reported (and on pages recorded before the field).
   */
  readonly subBalances?: readonly PositionSubBalance[];
}

/** What a custodian said on one page of one holdings statement (MT535, semt.002, CSV export). */
export interface StatementContent {
  readonly statementId: string;
  readonly custodian: string;
  readonly account: string;
  /**
   * The statement the page belongs to: its statement key (see libs/statements statement-key.ts).
   * MT535 usage rule: every page is a message of its own with its own 20C::SEME, so the SEME
   * cannot group pages; custodian, safekeeping account, statement date, type and basis do. Pages
   * recorded before the key existed carry the page's SEME here, and no messageReference.
   */
  readonly statementReference: string;
  /**
   * This page's own message reference (20C::SEME; semt.002 BizMsgIdr or StmtId): what a 23G CANC
   * names in its 20C::PREV to withdraw this page. Absent on pages recorded before it was kept,
   * whose statementReference was the SEME.
   */
  readonly messageReference?: string;
  /** 28E page number, from 1. */
  readonly page: number;
  /** 28E says LAST or ONLY. */
  readonly lastPage: boolean;
  /** Business date (YYYY-MM-DD) the holdings are stated for. */
  readonly asOf: string;
  readonly basis: StatementBasis;
  readonly completeness: StatementCompleteness;
  /** Sorted by ISIN, quantities normalized: the same statement always reads the same. */
  readonly positions: readonly StatementPosition[];
  /** Present when the delivery that recorded the page was a copy (its original had not been seen). */
  readonly copy?: StatementCopy;
  /**
   * Every safekeeping account the page reports, the statement's own first. A page recorded for an
   * account it does not list says that this page of the statement had no lines for that account:
   * pages of one statement may carry different sub-safekeeping accounts, and each account's page
   * set is filled up so that it is complete exactly when the statement is (see page-assembly.ts).
   * Absent on pages recorded before the field existed: those reported their own account only.
   */
  readonly pageAccounts?: readonly string[];
}

export type StatementReceived = DomainEvent<'StatementReceived', StatementContent & { receivedAt: string }>;

/**
 * The same page (custodian, account, reference, page) delivered again with different content. Recorded as an event rather than
 * refused: the second delivery is evidence an auditor and the reconciler need ("conflicting
 * duplicate" break), and a refusal would leave it only in logs. The first delivery stays the one
 * that counts until a person resolves the break. `statementId` is the id the disputed page was first
 * recorded under (ids gained the account later), so a reader finds the original by it.
 */
export type ConflictingDuplicateDetected = DomainEvent<'ConflictingDuplicateDetected', StatementContent & { detectedAt: string }>;

/**
 * A cancellation (MT535 23G CANC) withdrew a statement: none of its pages in this account counts
 * any longer, and pages of it delivered later are not recorded. Recorded per account the statement
 * reported, and also when the statement itself was never seen (a cancellation can overtake it).
 */
export type StatementCancelled = DomainEvent<'StatementCancelled', {
  custodian: string;
  account: string;
  /**
   * The statement withdrawn: every page of this reference in the account. When the cancelled
   * message was never seen, the reference the cancellation's PREV named.
   */
  statementReference: string;
  /**
   * The message references (SEMEs) the cancellation withdrew: the PREV it named and, when that was
   * the statement, its pages' SEMEs. Absent on cancellations recorded before they were kept, which
   * withdrew the reference for good; with them, a new statement under the same key (a correction
   * sent with new SEMEs) is recorded again.
   */
  messageReferences?: readonly string[];
  /** Pages of the statement this account had recorded, ascending; empty when none had arrived. */
  pages: readonly number[];
  /** Id of the cancelling message (derived at the edge like a statement id), to trace it. */
  cancellationId: string;
  /** Business date of the cancelling message. */
  asOf: string;
  cancelledAt: string;
}>;

/**
 * A cancellation (23G CANC) whose 20C::PREV named one page of a multi-page statement withdrew that
 * page only. MT535 usage rule: a CANC cancels the message its PREV names, and each page is a message
 * of its own; so the other pages stay, the statement is incomplete again (its holdings stop counting,
 * the account's latest complete statement counts instead), and a replacement page of the same number,
 * a new message with its own SEME, completes it again. The withdrawn SEME is not recorded again.
 */
export type StatementPageCancelled = DomainEvent<'StatementPageCancelled', {
  custodian: string;
  account: string;
  /** The statement key of the statement the page belonged to. */
  statementReference: string;
  page: number;
  /** The SEME of the withdrawn page, as the cancellation's PREV named it. */
  messageReference: string;
  cancellationId: string;
  asOf: string;
  cancelledAt: string;
}>;

export type CustodyMovementRecorded = DomainEvent<'CustodyMovementRecorded', {
  custodian: string;
  account: string;
  isin: string;
  /** Signed shares: positive in, negative out. */
  quantity: string;
  movementId: string;
  reason: string;
  /** Business time the position changed at the bank. */
  movedAt: string;
  /** The statement of transactions page it was posted on; absent for a movement recorded on its own. */
  statementReference?: string;
  page?: number;
}>;

/** A posting as a statement of transactions stated it: a custody movement without its account. */
export interface TransactionsPostingContent {
  readonly movementId: string;
  readonly isin: string;
  readonly quantity: string;
  readonly reason: string;
  readonly movedAt: string;
}

/**
 * A statement of transactions page (custodian, account, reference, page) delivered again with other
 * postings. Like ConflictingDuplicateDetected for holdings: recorded, not refused, as evidence of a
 * "conflicting duplicate" break, and none of its postings is taken; the first delivery's movements
 * keep counting. `postings` is the conflicting version, sorted by movement id.
 */
export type ConflictingTransactionsDetected = DomainEvent<'ConflictingTransactionsDetected', {
  custodian: string;
  account: string;
  statementReference: string;
  page: number;
  postings: readonly TransactionsPostingContent[];
  detectedAt: string;
}>;

/**
 * A cancellation of a statement of transactions (MT536 23G CANC) withdrew it in this account: none
 * of the movements posted on its pages counts any longer, nor does a conflicting delivery of it, and
 * pages of it delivered later are not recorded. Like StatementCancelled, recorded also when the
 * statement was never seen. Its data is StatementCancelled's, `pages` being the pages this account
 * recorded movements of. A type of its own: StatementCancelled withdraws holdings, which the custody
 * positions read model restores from the statement before; this withdraws postings.
 */
export type TransactionsCancelled = DomainEvent<'TransactionsCancelled', StatementCancelled['data']>;

export type CustodyEvent = StatementReceived | ConflictingDuplicateDetected | StatementCancelled | StatementPageCancelled | CustodyMovementRecorded | ConflictingTransactionsDetected | TransactionsCancelled;

export const CUSTODY_EVENT_TYPES = [
  'StatementReceived',
  'ConflictingDuplicateDetected',
  'StatementCancelled',
  'StatementPageCancelled',
  'CustodyMovementRecorded',
  'ConflictingTransactionsDetected',
  'TransactionsCancelled',
] as const satisfies readonly CustodyEvent['type'][];
