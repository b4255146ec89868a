import { DomainCommand } from '../shared/event';
import { StatementSchedule } from './schedule';

interface AccountOf {
  custodian: string;
  account: string;
}

/** The maker is `metadata.actor`; `proposalId` comes from the edge (derived from the Idempotency-Key when given). */
export type ProposeStatementSchedule = DomainCommand<'ProposeStatementSchedule', AccountOf & { proposalId: string; schedule: StatementSchedule }>;
/** The checker is `metadata.actor`: someone other than the maker, holding the approver role (checked at the edge). */
export type ApproveStatementSchedule = DomainCommand<'ApproveStatementSchedule', AccountOf & { proposalId: string }>;
export type RejectStatementSchedule = DomainCommand<'RejectStatementSchedule', AccountOf & { proposalId: string; reason: string }>;

export type ScheduleCommand = ProposeStatementSchedule | ApproveStatementSchedule | RejectStatementSchedule;
