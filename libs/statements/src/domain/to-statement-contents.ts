import { PositionSubBalance, QuantityType, ReceiveStatement, StatementPositionInput } from '@recon/domain';
import { AccountHoldings, Availability, HoldingsStatement, Position, Quantity, StatementBasis, SubBalance } from '../statement';
import { formatDecimal } from '../values/decimal';
import { StatementFieldError } from './mapping-error';

/**
 * A ReceiveStatement payload before the edge gives it its id: the edge derives `statementId` from
 * custodian, account, statement key and page, so that a redelivery gets the same id.
 */
export type StatementContentDraft = Omit<ReceiveStatement['data'], 'statementId'>;

/**
 * semt.002 gives a breakdown's availability only in `QtyAndAvlbty`; a plain `Qty` leaves it to the
 * type code. SubBalTp is the "reason a security is not available" (SecuritiesBalanceType12Code), so a
 * code is not available unless it is one of the available ones: AWAS "available with no additional
 * status" and AVAI "available" (SecuritiesBalanceType13Code). MT535 93C always states AVAI or NAVL.
 */
const AVAILABLE_CODES: ReadonlySet<string> = new Set(['AWAS', 'AVAI']);
const availabilityOf = (sub: SubBalance): Availability => sub.availability ?? (AVAILABLE_CODES.has(sub.type) ? 'AVAILABLE' : 'NOT_AVAILABLE');

/**
 * Every sub-balance that is a part of the holding with an availability. A 93B AGGR (BalAtSfkpgPlc
 * AggtBal) per place of safekeeping is the holding at that place, not a part of it: its AVAI / NAVL
 * parts are kept, the total is not, so that summing the parts by availability counts nothing twice.
 */
function subBalancesOf(statement: HoldingsStatement, position: Position, quantityType: QuantityType): { subBalances?: PositionSubBalance[] } {
  const parts = position.subBalances.filter((sub) => !(sub.type === 'AGGR' && sub.availability === undefined));
  if (parts.length === 0) return {};
  return {
    subBalances: parts.map((sub) => {
      if (sub.quantity.type !== quantityType) {
        throw new StatementFieldError(statement.reference, 'quantityType', `sub-balance ${sub.type} is in ${sub.quantity.type}, the aggregate balance in ${quantityType}`, position.instrument);
      }
      return {
        code: sub.type, quantity: sub.quantityDecimal, availability: availabilityOf(sub),
        ...(sub.placeOfSafekeeping === undefined ? {} : { placeOfSafekeeping: sub.placeOfSafekeeping }),
        ...(sub.dataSourceScheme === undefined ? {} : { dataSourceScheme: sub.dataSourceScheme }),
      };
    }),
  };
}

/**
 * The position's quantities with the type they are stated in. The domain decides which types it
 * records (shares only); here a position whose balances are stated in different types is refused,
 * as one type must describe them all.
 */
function positionContent(statement: HoldingsStatement, position: Position): StatementPositionInput {
  const { instrument } = position;
  if (instrument.isin === undefined) throw new StatementFieldError(statement.reference, 'isin', 'has no ISIN, and the domain keys holdings by ISIN', instrument);
  const quantityType: QuantityType = position.aggregate.type;
  const sameType = (field: 'available' | 'notAvailable', quantity: Quantity | undefined): { [key: string]: string } => {
    if (quantity === undefined) return {};
    if (quantity.type !== quantityType) {
      throw new StatementFieldError(statement.reference, field, `is in ${quantity.type}, the aggregate balance in ${quantityType}`, instrument);
    }
    return { [field]: formatDecimal(quantity.units) };
  };
  return {
    isin: instrument.isin,
    quantity: formatDecimal(position.aggregate.units),
    ...sameType('available', position.available),
    ...sameType('notAvailable', position.notAvailable),
    ...subBalancesOf(statement, position, quantityType),
    quantityType,
  };
}

function domainBasis(statement: HoldingsStatement): Exclude<StatementBasis, 'CONTRACTUAL'> {
  if (statement.basis === 'CONTRACTUAL') throw new StatementFieldError(statement.reference, 'basis', 'is contractual; the domain takes settled or traded positions');
  return statement.basis;
}

/** The statement's own account first, then each sub-safekeeping account, as the page lists them. */
export const accountsOf = (statement: HoldingsStatement): AccountHoldings[] => [{ account: statement.account, positions: statement.positions }, ...statement.subAccounts];

/**
 * One domain statement page per safekeeping account on the page: the statement's own account, even
 * without positions (it is on every page, so pages are assembled from it, and on a complete
 * statement no lines say it holds nothing directly), then each sub-safekeeping account. Every page
 * names the accounts it lists. Cancellations go through toStatementCancellation instead.
 */
export function toStatementContents(statement: HoldingsStatement): StatementContentDraft[] {
  if (statement.function === 'CANCEL') throw new StatementFieldError(statement.reference, 'function', 'cancels a statement: read it with toStatementCancellation');
  const basis = domainBasis(statement);
  const accounts = accountsOf(statement);
  const pageAccounts = accounts.map(({ account }) => account);
  return accounts.map(({ account, positions }) => ({
    custodian: statement.custodian,
    account,
    // MT535 usage rule: each page is a message with its own SEME; the statement key groups them.
    statementReference: statement.statementKey,
    messageReference: statement.messageReference,
    page: statement.page,
    lastPage: statement.lastPage,
    asOf: statement.asOf.date,
    basis,
    completeness: statement.completeness,
    positions: positions.map((position) => positionContent(statement, position)),
    ...(statement.copy === undefined ? {} : { copy: statement.copy }),
    pageAccounts,
  }));
}
