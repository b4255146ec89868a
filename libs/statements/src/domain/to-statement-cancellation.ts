import { CancelStatement, CancelTransactions } from '@recon/domain';
import { HoldingsStatement, TransactionsStatement } from '../statement';
import { accountsOf } from './to-statement-contents';
import { StatementFieldError } from './mapping-error';

/** A CancelStatement payload per account, before the edge gives it the cancelling message's id. */
export type StatementCancellationDraft = Omit<CancelStatement['data'], 'cancellationId'>;

/**
 * A cancellation (23G CANC) withdraws the message its 20C::PREV names (`cancels`): a page, or the
 * only page of a statement; the custody decider tells which from what the account recorded. One
 * cancellation for the statement's own account and one for each sub-safekeeping account the message
 * repeats. Accounts only the cancelled statement listed are found by the edge, from the pages it recorded.
 */
export function toStatementCancellation(statement: HoldingsStatement): StatementCancellationDraft[] {
  if (statement.function !== 'CANCEL') throw new StatementFieldError(statement.reference, 'function', 'is not a cancellation');
  return accountsOf(statement).map(({ account }) => ({
    custodian: statement.custodian,
    account,
    statementReference: statement.statementKey,
    ...(statement.cancels === undefined ? {} : { cancels: statement.cancels }),
    asOf: statement.asOf.date,
  }));
}

/** A CancelTransactions payload per account, before the edge gives it the cancelling message's id. */
export type TransactionsCancellationDraft = Omit<CancelTransactions['data'], 'cancellationId'>;

/**
 * A cancellation (23G CANC) of a statement of transactions (MT536) withdraws the statement of the
 * same reference: one cancellation for the statement's own account and one for each
 * sub-safekeeping account the message repeats.
 */
export function toTransactionsCancellation(statement: TransactionsStatement): TransactionsCancellationDraft[] {
  if (statement.function !== 'CANCEL') throw new StatementFieldError(statement.reference, 'function', 'is not a cancellation');
  const accounts = [...new Set([statement.account, ...statement.movements.map((m) => m.account)])];
  return accounts.map((account) => ({ custodian: statement.custodian, account, statementReference: statement.reference, asOf: statement.asOf.date }));
}
