import { DomainCommand } from '../shared/event';
import { StatementBasis, StatementCompleteness, StatementCopy, StatementPosition } from './events';

/** UNIT shares, FAMT face amount, AMOR amortised value, DITU digital token units (ISO 15022 / 20022). */
export type QuantityType = 'UNIT' | 'FAMT' | 'AMOR' | 'DITU';

/** A position as the edge read it: the quantity type comes along so that a face amount is never taken for shares. */
export interface StatementPositionInput extends StatementPosition {
  /** Absent means UNIT (shares). */
  readonly quantityType?: QuantityType;
}

export type ReceiveStatement = DomainCommand<'ReceiveStatement', {
  /** Derived at the edge from custodian + account + statement reference + page, so a redelivery has the same id. */
  statementId: string;
  custodian: string;
  account: string;
  /** The statement key: what groups the pages (see StatementContent). */
  statementReference: string;
  /** The page's own 20C::SEME. */
  messageReference?: string;
  page: number;
  lastPage: boolean;
  asOf: string;
  basis: StatementBasis;
  completeness: StatementCompleteness;
  positions: readonly StatementPositionInput[];
  copy?: StatementCopy;
  pageAccounts?: readonly string[];
}>;

/**
 * MT535 23G CANC in one account: withdraw the message its 20C::PREV names (`cancels`). A page of a
 * multi-page statement withdraws that page; the only page of a statement, or the statement's own
 * reference, withdraws the statement. Without `cancels`, the statement of `statementReference`.
 */
export type CancelStatement = DomainCommand<'CancelStatement', {
  custodian: string;
  account: string;
  /** The statement key of the cancelling message. */
  statementReference: string;
  /** The 20C::PREV of the cancelling message: the message it withdraws. */
  cancels?: string;
  /** Derived at the edge from the cancelling message like a statement id. */
  cancellationId: string;
  asOf: string;
}>;

export type RecordCustodyMovement = DomainCommand<'RecordCustodyMovement', {
  custodian: string;
  account: string;
  isin: string;
  quantity: string;
  movementId: string;
  reason: string;
  movedAt: string;
}>;

/** A posting of a statement of transactions, as the edge identified it (its id from its place in the statement). */
export type TransactionsPosting = Omit<RecordCustodyMovement['data'], 'custodian' | 'account'>;

/**
 * One page of a statement of transactions (MT536) in one account: its postings become custody
 * movements together, or, when other postings were recorded under the same reference and page, none
 * of them does and the page is flagged as a conflicting duplicate.
 */
export type RecordTransactionsPage = DomainCommand<'RecordTransactionsPage', {
  custodian: string;
  account: string;
  statementReference: string;
  page: number;
  postings: readonly TransactionsPosting[];
}>;

/** MT536 23G CANC: withdraw every page of a statement of transactions in one account. */
export type CancelTransactions = DomainCommand<'CancelTransactions', CancelStatement['data']>;

export type CustodyCommand = ReceiveStatement | CancelStatement | RecordCustodyMovement | RecordTransactionsPage | CancelTransactions;
