import { DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { ReceiveStatement } from './commands';
import { StatementContent, StatementPosition } from './events';

function normalizedPosition(position: StatementPosition, completeness: StatementContent['completeness']): StatementPosition {
  const isin = guard.isin(position.isin, 'positions.isin');
  // A complete statement states holdings, which cannot be negative; a delta states changes, which can.
  const quantity = guard.shares(position.quantity, `positions[${isin}].quantity`, completeness === 'COMPLETE' ? 'non-negative' : 'any');
  const available = position.available === undefined ? undefined : guard.shares(position.available, `positions[${isin}].available`, 'non-negative');
  const notAvailable = position.notAvailable === undefined ? undefined : guard.shares(position.notAvailable, `positions[${isin}].notAvailable`, 'non-negative');
  if (available !== undefined && notAvailable !== undefined && available + notAvailable !== quantity) {
    throw new DomainError('INCONSISTENT_BALANCES', `${isin}: available + not available differs from quantity`);
  }
  return {
    isin,
    quantity: formatShares(quantity),
    ...(available === undefined ? {} : { available: formatShares(available) }),
    ...(notAvailable === undefined ? {} : { notAvailable: formatShares(notAvailable) }),
  };
}

/** Validates a statement page and puts it in one canonical form, so redeliveries compare equal. */
export function normalizedStatement({ data }: ReceiveStatement): StatementContent {
  if (data.basis !== 'SETTLED' && data.basis !== 'TRADED') throw new DomainError('INVALID_FIELD', `basis: must be SETTLED or TRADED (got "${data.basis}")`);
  if (data.completeness !== 'COMPLETE' && data.completeness !== 'DELTA') {
    throw new DomainError('INVALID_FIELD', `completeness: must be COMPLETE or DELTA (got "${data.completeness}")`);
  }
  if (typeof data.lastPage !== 'boolean') throw new DomainError('INVALID_FIELD', 'lastPage: must be a boolean');
  const positions = data.positions.map((position) => normalizedPosition(position, data.completeness)).sort((a, b) => (a.isin < b.isin ? -1 : a.isin > b.isin ? 1 : 0));
  const duplicate = positions.find((position, index) => index > 0 && positions[index - 1]?.isin === position.isin);
  if (duplicate) throw new DomainError('DUPLICATE_POSITION', `${duplicate.isin} appears twice on one statement page`);
  return {
    statementId: guard.nonEmpty(data.statementId, 'statementId'),
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    statementReference: guard.nonEmpty(data.statementReference, 'statementReference'),
    page: guard.positiveInteger(data.page, 'page'),
    lastPage: data.lastPage,
    asOf: guard.businessDate(data.asOf, 'asOf'),
    basis: data.basis,
    completeness: data.completeness,
    positions,
  };
}
