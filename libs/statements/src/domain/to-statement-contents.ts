import { StatementContent, StatementPosition } from '@recon/domain';
import { StatementMappingError } from '../errors';
import { AccountHoldings, HoldingsStatement, Position, Quantity, StatementBasis } from '../statement';
import { formatDecimal } from '../values/decimal';

/**
 * A StatementReceived payload before the edge gives it its id: the edge derives `statementId` from
 * custodian, reference and page (and account, when one statement covers several), so that a
 * redelivery gets the same id.
 */
export type StatementContentDraft = Omit<StatementContent, 'statementId'>;

function shares(statement: HoldingsStatement, position: Position, what: string, quantity: Quantity): string {
  // The domain states holdings in shares; a face amount or amortised value is not a number of shares.
  if (quantity.type !== 'UNIT') {
    throw new StatementMappingError(statement.reference, `${position.instrument.isin ?? position.instrument.description}: ${what} is in ${quantity.type}, not in units (shares)`);
  }
  return formatDecimal(quantity.units);
}

function positionContent(statement: HoldingsStatement, position: Position): StatementPosition {
  const isin = position.instrument.isin;
  if (isin === undefined) throw new StatementMappingError(statement.reference, `"${position.instrument.description}" has no ISIN, and the domain keys holdings by ISIN`);
  return {
    isin,
    quantity: shares(statement, position, 'the aggregate balance', position.aggregate),
    ...(position.available ? { available: shares(statement, position, 'the available balance', position.available) } : {}),
    ...(position.notAvailable ? { notAvailable: shares(statement, position, 'the not available balance', position.notAvailable) } : {}),
  };
}

function domainBasis(statement: HoldingsStatement): Exclude<StatementBasis, 'CONTRACTUAL'> {
  if (statement.basis === 'CONTRACTUAL') throw new StatementMappingError(statement.reference, 'is on a contractual basis; the domain takes settled or traded positions');
  return statement.basis;
}

/**
 * One domain statement page per safekeeping account on the page: the statement's own account (when
 * it holds positions, or when there is no sub-account: a complete statement with no positions says
 * the account holds nothing), then each sub-safekeeping account. Cancellations are refused: the
 * domain has no event that withdraws a statement yet.
 */
export function toStatementContents(statement: HoldingsStatement): StatementContentDraft[] {
  if (statement.function === 'CANCEL') throw new StatementMappingError(statement.reference, 'cancels an earlier statement, which the domain cannot record yet');
  const basis = domainBasis(statement);
  const main: AccountHoldings = { account: statement.account, positions: statement.positions };
  const accounts = statement.positions.length > 0 || statement.subAccounts.length === 0 ? [main, ...statement.subAccounts] : statement.subAccounts;
  return accounts.map(({ account, positions }) => ({
    custodian: statement.custodian,
    account,
    statementReference: statement.reference,
    page: statement.page,
    lastPage: statement.lastPage,
    asOf: statement.asOf.date,
    basis,
    completeness: statement.completeness,
    positions: positions.map((position) => positionContent(statement, position)),
  }));
}
