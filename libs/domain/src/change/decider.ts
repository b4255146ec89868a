import { assertNever, Decider, DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import { sameIdentity } from '../shared/identity';
import * as c from './commands';
import { ChangeEvent } from './events';
import { ChangeKind, ChangePayload, isChangeKind } from './kinds';

export type ChangeStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ProposedChange {
  readonly changeId: string;
  readonly kind: ChangeKind;
  readonly payload: ChangePayload;
  readonly summary: string;
  readonly maker: string;
  readonly proposedAt: string;
  readonly status: ChangeStatus;
  readonly checker?: string;
  readonly rejectedBy?: string;
  readonly reason?: string;
  readonly decidedAt?: string;
  readonly applied?: { readonly appliedAt: string; readonly streamId: string; readonly version: number; readonly eventIds: readonly string[] };
}

export type ChangeState = { readonly status: 'NONE' } | ProposedChange;

const initialState = (): ChangeState => ({ status: 'NONE' });

function propose({ data, metadata }: c.ProposeChange, state: ChangeState): ChangeEvent[] {
  const changeId = guard.nonEmpty(data.changeId, 'changeId');
  // A retried proposal (same Idempotency-Key, same change id) adds nothing.
  if (state.status !== 'NONE') return [];
  if (!isChangeKind(data.kind)) throw new DomainError('INVALID_FIELD', `kind: not a change kind (got "${String(data.kind)}")`);
  guard.nonEmpty(data.payload?.type, 'payload.type');
  const summary = guard.nonEmpty(data.summary, 'summary');
  return [{ type: 'ChangeProposed', data: { changeId, kind: data.kind, payload: data.payload, summary, maker: metadata.actor, proposedAt: metadata.now } }];
}

function known(state: ChangeState, changeId: string): ProposedChange {
  if (state.status === 'NONE') throw new DomainError('CHANGE_NOT_FOUND', `no change ${changeId}`);
  return state;
}

function approve({ data, metadata }: c.ApproveChange, state: ChangeState): ChangeEvent[] {
  const change = known(state, data.changeId);
  if (change.status === 'APPROVED' && change.checker !== undefined && sameIdentity(change.checker, metadata.actor)) return [];
  if (change.status !== 'PENDING') throw new DomainError('CHANGE_DECIDED', `change ${change.changeId} is already ${change.status.toLowerCase()}`);
  if (sameIdentity(change.maker, metadata.actor)) throw new DomainError('MAKER_CHECKER', `${metadata.actor} proposed this change and cannot also approve it: another approver must`);
  if (!data.approver) throw new DomainError('FORBIDDEN', `${metadata.actor} does not hold the approver role`);
  return [{ type: 'ChangeApproved', data: { changeId: change.changeId, maker: change.maker, checker: metadata.actor, approvedAt: metadata.now } }];
}

function reject({ data, metadata }: c.RejectChange, state: ChangeState): ChangeEvent[] {
  const change = known(state, data.changeId);
  if (change.status === 'REJECTED' && change.rejectedBy !== undefined && sameIdentity(change.rejectedBy, metadata.actor)) return [];
  if (change.status !== 'PENDING') throw new DomainError('CHANGE_DECIDED', `change ${change.changeId} is already ${change.status.toLowerCase()}`);
  if (!data.approver && !sameIdentity(change.maker, metadata.actor)) throw new DomainError('FORBIDDEN', `only an approver, or the maker withdrawing their own, may reject change ${change.changeId}`);
  const reason = guard.nonEmpty(data.reason, 'reason');
  return [{ type: 'ChangeRejected', data: { changeId: change.changeId, maker: change.maker, rejectedBy: metadata.actor, reason, rejectedAt: metadata.now } }];
}

function recordApplied({ data, metadata }: c.RecordChangeApplied, state: ChangeState): ChangeEvent[] {
  const change = known(state, data.changeId);
  if (change.status !== 'APPROVED') throw new DomainError('CHANGE_NOT_APPROVED', `change ${change.changeId} is ${change.status.toLowerCase()}: only an approved change is applied`);
  if (change.applied) return [];
  return [{ type: 'ChangeApplied', data: { changeId: change.changeId, appliedAt: metadata.now, streamId: data.streamId, version: data.version, eventIds: data.eventIds } }];
}

function decide(command: c.ChangeCommand, state: ChangeState): ChangeEvent[] {
  switch (command.type) {
    case 'ProposeChange': return propose(command, state);
    case 'ApproveChange': return approve(command, state);
    case 'RejectChange': return reject(command, state);
    case 'RecordChangeApplied': return recordApplied(command, state);
    default: return assertNever(command);
  }
}

function evolve(state: ChangeState, event: ChangeEvent): ChangeState {
  switch (event.type) {
    case 'ChangeProposed': {
      const { changeId, kind, payload, summary, maker, proposedAt } = event.data;
      return { changeId, kind, payload, summary, maker, proposedAt, status: 'PENDING' };
    }
    case 'ChangeApproved':
      return state.status === 'NONE' ? state : { ...state, status: 'APPROVED', checker: event.data.checker, decidedAt: event.data.approvedAt };
    case 'ChangeRejected':
      return state.status === 'NONE' ? state : { ...state, status: 'REJECTED', rejectedBy: event.data.rejectedBy, reason: event.data.reason, decidedAt: event.data.rejectedAt };
    case 'ChangeApplied': {
      const { appliedAt, streamId, version, eventIds } = event.data;
      return state.status === 'NONE' ? state : { ...state, applied: { appliedAt, streamId, version, eventIds } };
    }
    default:
      return assertNever(event);
  }
}

export const changeDecider: Decider<c.ChangeCommand, ChangeEvent, ChangeState> = { decide, evolve, initialState };
