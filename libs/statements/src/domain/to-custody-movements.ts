import { RecordCustodyMovement } from '@recon/domain';
import { TransactionsStatement } from '../statement';
import { formatDecimal } from '../values/decimal';
import { StatementFieldError } from './mapping-error';

/** A RecordCustodyMovement payload, before the edge gives it an id from its place in the statement. */
export interface CustodyMovementDraft extends Omit<RecordCustodyMovement['data'], 'movementId'> {
  readonly statementReference: string;
  readonly page: number;
  /** Position of the posting within its instrument's block: with the reference, page, account and ISIN, what identifies it. */
  readonly posting: number;
}

/**
 * What an MT536 contributes: one custody movement per posting, signed (received +, delivered −), at
 * its settlement date (else the end of the statement's period). The closing balance is not a
 * position: the parser has checked it against opening ± postings, and holdings come from statements
 * of holdings. Only shares (UNIT) are movements the reconciler can weigh.
 */
export function toCustodyMovements(statement: TransactionsStatement): CustodyMovementDraft[] {
  if (statement.function === 'CANCEL') throw new StatementFieldError(statement.reference, 'function', 'cancels a statement of transactions: read it with toTransactionsCancellation');
  return statement.movements.flatMap(({ account, instrument, postings }) => {
    const isin = instrument.isin;
    if (isin === undefined) throw new StatementFieldError(statement.reference, 'isin', 'has no ISIN: a movement is recorded by ISIN', instrument);
    return postings.map((posting, index): CustodyMovementDraft => {
      if (posting.quantity.type !== 'UNIT') throw new StatementFieldError(statement.reference, 'quantityType', `is ${posting.quantity.type}: movements are recorded in shares (UNIT)`, instrument);
      const signed = posting.direction === 'RECEIVE' ? posting.quantity.units : -posting.quantity.units;
      const direction = posting.direction === 'RECEIVE' ? 'received' : 'delivered';
      return {
        custodian: statement.custodian,
        account,
        isin,
        quantity: formatDecimal(signed),
        reason: `MT536 ${statement.reference}: ${direction}${posting.reference === undefined ? '' : ` for ${posting.reference}`}`,
        movedAt: `${posting.settlementDate ?? statement.asOf.date}T00:00:00Z`,
        statementReference: statement.reference,
        page: statement.page,
        posting: index + 1,
      };
    });
  });
}
