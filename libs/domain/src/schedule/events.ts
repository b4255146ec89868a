import { DomainEvent } from '../shared/event';
import { StatementSchedule } from './schedule';

interface ScheduleRef {
  custodian: string;
  account: string;
  proposalId: string;
}

/** A maker proposed the account's schedule: it changes nothing until a checker approves it. */
export type StatementScheduleProposed = DomainEvent<'StatementScheduleProposed', ScheduleRef & { schedule: StatementSchedule; maker: string; proposedAt: string }>;
/** The schedule in force from now on; it carries the schedule so the fold of facts needs this event alone. */
export type StatementScheduleApproved = DomainEvent<'StatementScheduleApproved', ScheduleRef & { schedule: StatementSchedule; maker: string; checker: string; approvedAt: string }>;
export type StatementScheduleRejected = DomainEvent<'StatementScheduleRejected', ScheduleRef & { maker: string; rejectedBy: string; reason: string; rejectedAt: string }>;

export type ScheduleEvent = StatementScheduleProposed | StatementScheduleApproved | StatementScheduleRejected;

export const SCHEDULE_EVENT_TYPES = ['StatementScheduleProposed', 'StatementScheduleApproved', 'StatementScheduleRejected'] as const satisfies readonly ScheduleEvent['type'][];
