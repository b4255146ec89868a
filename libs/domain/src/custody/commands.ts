import { DomainCommand } from '../shared/event';
import { StatementBasis, StatementCompleteness, StatementPosition } from './events';

export type ReceiveStatement = DomainCommand<'ReceiveStatement', {
  /** Derived at the edge from custodian + statement reference + page, so a redelivery has the same id. */
  statementId: string;
  custodian: string;
  account: string;
  statementReference: string;
  page: number;
  lastPage: boolean;
  asOf: string;
  basis: StatementBasis;
  completeness: StatementCompleteness;
  positions: readonly StatementPosition[];
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

export type CustodyCommand = ReceiveStatement | RecordCustodyMovement;
