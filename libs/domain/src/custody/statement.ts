import { DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { ReceiveStatement, StatementPositionInput } from './commands';
import { PositionSubBalance, StatementContent, StatementCopy, StatementPosition, SubBalanceAvailability } from './events';

const COPIES: readonly StatementCopy[] = ['COPY', 'DUPLICATE', 'COPY_DUPLICATE'];

const AVAILABILITIES: readonly SubBalanceAvailability[] = ['AVAILABLE', 'NOT_AVAILABLE'];
/** MT535 93C's qualifier is 4!c; a semt.002 proprietary SubBalTp/Prtry/Id is Max35Text. */
const MAX_CODE_LENGTH = 35;

function optionalText(value: string | undefined, field: string): { [key: string]: string } {
  return value === undefined ? {} : { [field.slice(field.lastIndexOf('.') + 1)]: guard.nonEmpty(value, field) };
}

function normalizedSubBalance(sub: PositionSubBalance, field: string): PositionSubBalance {
  const code = guard.nonEmpty(sub.code, `${field}.code`);
  if (code.length > MAX_CODE_LENGTH) throw new DomainError('INVALID_FIELD', `${field}.code: at most ${MAX_CODE_LENGTH} characters (got "${code}")`);
  if (!AVAILABILITIES.includes(sub.availability)) {
    throw new DomainError('INVALID_FIELD', `${field}.availability: must be AVAILABLE or NOT_AVAILABLE (got "${sub.availability}")`);
  }
  return {
    code,
    quantity: formatShares(guard.shares(sub.quantity, `${field}.quantity`)),
    availability: sub.availability,
    ...optionalText(sub.placeOfSafekeeping, `${field}.placeOfSafekeeping`),
    ...optionalText(sub.dataSourceScheme, `${field}.dataSourceScheme`),
  };
}

const subBalanceKey = (sub: PositionSubBalance): string => [sub.code, sub.placeOfSafekeeping ?? '', sub.dataSourceScheme ?? '', sub.availability].join('\u0000');

/**
 * Sub-balances in one canonical order, so that redeliveries read the same. They are a breakdown the
 * custodian reports beside the holding, not required to add up to it (93C lists overlapping
 * statuses, e.g. a pledged part that is also blocked), so no sum is checked; a type reported twice
 * for the same place and scheme would be ambiguous and is refused.
 */
function normalizedSubBalances(subs: readonly PositionSubBalance[] | undefined, isin: string): { subBalances?: readonly PositionSubBalance[] } {
  if (subs === undefined) return {};
  if (!Array.isArray(subs)) throw new DomainError('INVALID_FIELD', `positions[${isin}].subBalances: must be a list`);
  const normalized = subs.map((sub, index) => normalizedSubBalance(sub, `positions[${isin}].subBalances[${index}]`))
    .sort((a, b) => (subBalanceKey(a) < subBalanceKey(b) ? -1 : subBalanceKey(a) > subBalanceKey(b) ? 1 : 0));
  const repeated = normalized.find((sub, index) => index > 0 && subBalanceKey(normalized[index - 1] as PositionSubBalance) === subBalanceKey(sub));
  if (repeated) throw new DomainError('DUPLICATE_SUB_BALANCE', `positions[${isin}].subBalances: ${repeated.code} (${repeated.availability}) appears twice`);
  return normalized.length === 0 ? {} : { subBalances: normalized };
}

function normalizedPosition(position: StatementPositionInput): StatementPosition {
  const isin = guard.isin(position.isin, 'positions.isin');
  // Every reader of a statement sums its quantities as shares; a face amount (bonds) or an amortised
  // value is no number of shares, so it is refused rather than misread.
  if (position.quantityType !== undefined && position.quantityType !== 'UNIT') {
    throw new DomainError('QUANTITY_NOT_IN_SHARES', `positions[${isin}].quantityType: holdings are recorded in shares (UNIT), this one is in ${position.quantityType}`);
  }
  // A negative holding is what the custodian states (a short or overdrawn position, securities lent
  // beyond the holding): it is recorded as stated and the reconciler judges it, never refused here.
  const quantity = guard.shares(position.quantity, `positions[${isin}].quantity`, 'any');
  // Sub-balances may be negative: custodians report a pending receipt as a negative not-available part.
  const available = position.available === undefined ? undefined : guard.shares(position.available, `positions[${isin}].available`);
  const notAvailable = position.notAvailable === undefined ? undefined : guard.shares(position.notAvailable, `positions[${isin}].notAvailable`);
  if (available !== undefined && notAvailable !== undefined && available + notAvailable !== quantity) {
    throw new DomainError(
      'INCONSISTENT_BALANCES',
      `positions[${isin}].quantity: available ${formatShares(available)} + not available ${formatShares(notAvailable)} differs from the holding ${formatShares(quantity)}`,
    );
  }
  return {
    isin,
    quantity: formatShares(quantity),
    ...(available === undefined ? {} : { available: formatShares(available) }),
    ...(notAvailable === undefined ? {} : { notAvailable: formatShares(notAvailable) }),
    ...normalizedSubBalances(position.subBalances, isin),
  };
}

function pageAccounts(accounts: readonly string[] | undefined): { pageAccounts?: readonly string[] } {
  if (accounts === undefined) return {};
  if (!Array.isArray(accounts)) throw new DomainError('INVALID_FIELD', 'pageAccounts: must be a list of accounts');
  accounts.forEach((account, index) => guard.nonEmpty(account, `pageAccounts[${index}]`));
  if (new Set(accounts).size !== accounts.length) throw new DomainError('INVALID_FIELD', 'pageAccounts: lists an account twice');
  return { pageAccounts: [...accounts] };
}

/** Validates a statement page and puts it in one canonical form, so redeliveries compare equal. */
export function normalizedStatement({ data }: ReceiveStatement): StatementContent {
  if (data.basis !== 'SETTLED' && data.basis !== 'TRADED') throw new DomainError('INVALID_FIELD', `basis: must be SETTLED or TRADED (got "${data.basis}")`);
  if (data.completeness !== 'COMPLETE' && data.completeness !== 'DELTA') {
    throw new DomainError('INVALID_FIELD', `completeness: must be COMPLETE or DELTA (got "${data.completeness}")`);
  }
  if (typeof data.lastPage !== 'boolean') throw new DomainError('INVALID_FIELD', 'lastPage: must be a boolean');
  if (data.copy !== undefined && !COPIES.includes(data.copy)) throw new DomainError('INVALID_FIELD', `copy: must be one of ${COPIES.join(', ')} (got "${data.copy}")`);
  const positions = data.positions.map(normalizedPosition).sort((a, b) => (a.isin < b.isin ? -1 : a.isin > b.isin ? 1 : 0));
  const duplicate = positions.find((position, index) => index > 0 && positions[index - 1]?.isin === position.isin);
  if (duplicate) throw new DomainError('DUPLICATE_POSITION', `positions[${duplicate.isin}]: appears twice on one statement page`);
  return {
    statementId: guard.nonEmpty(data.statementId, 'statementId'),
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    statementReference: guard.nonEmpty(data.statementReference, 'statementReference'),
    ...(data.messageReference === undefined ? {} : { messageReference: guard.nonEmpty(data.messageReference, 'messageReference') }),
    page: guard.positiveInteger(data.page, 'page'),
    lastPage: data.lastPage,
    asOf: guard.businessDate(data.asOf, 'asOf'),
    basis: data.basis,
    completeness: data.completeness,
    positions,
    ...(data.copy === undefined ? {} : { copy: data.copy }),
    ...pageAccounts(data.pageAccounts),
  };
}
