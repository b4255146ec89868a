import { assertNever, Decider, DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import { sameIdentity } from '../shared/identity';
import * as c from './commands';
import { ScheduleEvent } from './events';
import { StatementSchedule, validSchedule } from './schedule';

export interface PendingSchedule {
  readonly proposalId: string;
  readonly maker: string;
  readonly schedule: StatementSchedule;
  readonly proposedAt: string;
}

export interface ScheduleState {
  /** The approved schedule in force, if any: the only one the reconciler reads. */
  readonly current?: { readonly proposalId: string; readonly schedule: StatementSchedule; readonly maker: string; readonly checker: string; readonly approvedAt: string };
  /** One proposal at a time awaits a checker, as for exception resolutions. */
  readonly pending?: PendingSchedule;
  /** Every proposal id seen and how it ended, so a retried proposal adds nothing and a decided one is not decided again. */
  readonly proposals: ReadonlyMap<string, 'pending' | 'approved' | 'rejected'>;
}

const initialState = (): ScheduleState => ({ proposals: new Map() });


function propose({ data, metadata }: c.ProposeStatementSchedule, state: ScheduleState): ScheduleEvent[] {
  const proposalId = guard.nonEmpty(data.proposalId, 'proposalId');
  if (state.proposals.has(proposalId)) return [];
  if (state.pending) throw new DomainError('PROPOSAL_PENDING', `schedule proposal ${state.pending.proposalId} awaits a checker: approve or reject it first`);
  const schedule = validSchedule(data.schedule);
  return [{ type: 'StatementScheduleProposed', data: { custodian: data.custodian, account: data.account, proposalId, schedule, maker: metadata.actor, proposedAt: metadata.now } }];
}

function pendingOf(state: ScheduleState, proposalId: string): PendingSchedule {
  const outcome = state.proposals.get(proposalId);
  if (outcome === undefined) throw new DomainError('PROPOSAL_NOT_FOUND', `no schedule proposal ${proposalId} for this account`);
  if (outcome !== 'pending' || state.pending?.proposalId !== proposalId) throw new DomainError('PROPOSAL_DECIDED', `schedule proposal ${proposalId} is already ${outcome}`);
  return state.pending;
}

function approve({ data, metadata }: c.ApproveStatementSchedule, state: ScheduleState): ScheduleEvent[] {
  const pending = pendingOf(state, data.proposalId);
  if (sameIdentity(pending.maker, metadata.actor)) throw new DomainError('MAKER_CHECKER', `${metadata.actor} proposed this schedule and cannot also approve it`);
  const { proposalId, maker, schedule } = pending;
  return [{ type: 'StatementScheduleApproved', data: { custodian: data.custodian, account: data.account, proposalId, schedule, maker, checker: metadata.actor, approvedAt: metadata.now } }];
}

function reject({ data, metadata }: c.RejectStatementSchedule, state: ScheduleState): ScheduleEvent[] {
  const pending = pendingOf(state, data.proposalId);
  const reason = guard.nonEmpty(data.reason, 'reason');
  return [{ type: 'StatementScheduleRejected', data: { custodian: data.custodian, account: data.account, proposalId: pending.proposalId, maker: pending.maker, rejectedBy: metadata.actor, reason, rejectedAt: metadata.now } }];
}

function decide(command: c.ScheduleCommand, state: ScheduleState): ScheduleEvent[] {
  switch (command.type) {
    case 'ProposeStatementSchedule': return propose(command, state);
    case 'ApproveStatementSchedule': return approve(command, state);
    case 'RejectStatementSchedule': return reject(command, state);
    default: return assertNever(command);
  }
}

function evolve(state: ScheduleState, event: ScheduleEvent): ScheduleState {
  const proposals = new Map(state.proposals);
  switch (event.type) {
    case 'StatementScheduleProposed': {
      const { proposalId, maker, schedule, proposedAt } = event.data;
      return { ...state, pending: { proposalId, maker, schedule, proposedAt }, proposals: proposals.set(proposalId, 'pending') };
    }
    case 'StatementScheduleApproved': {
      const { proposalId, schedule, maker, checker, approvedAt } = event.data;
      return { current: { proposalId, schedule, maker, checker, approvedAt }, proposals: proposals.set(proposalId, 'approved') };
    }
    case 'StatementScheduleRejected': {
      const { pending: _rejected, ...rest } = state;
      return { ...rest, proposals: proposals.set(event.data.proposalId, 'rejected') };
    }
    default:
      return assertNever(event);
  }
}

export const scheduleDecider: Decider<c.ScheduleCommand, ScheduleEvent, ScheduleState> = { decide, evolve, initialState };
