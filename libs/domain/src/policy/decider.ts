import { sameIdentity } from '../shared/identity';
import { assertNever, Decider, DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import * as c from './commands';
import { PolicyEvent } from './events';
import { PolicyTerms, validPolicyTerms } from './terms';

export interface PendingPolicy {
  readonly proposalId: string;
  readonly policy: PolicyTerms;
  readonly maker: string;
  readonly proposedAt: string;
}

export interface PolicyState {
  /** The approved policy in force, if any: absent, the reconciler judges by its settings' defaults. */
  readonly current?: { readonly proposalId: string; readonly policy: PolicyTerms; readonly maker: string; readonly checker: string; readonly approvedAt: string };
  /** One proposal at a time awaits a checker, as for schedules and exception resolutions. */
  readonly pending?: PendingPolicy;
  /** Every proposal id seen and how it ended, so a retried proposal adds nothing and a decided one is not decided again. */
  readonly proposals: ReadonlyMap<string, 'pending' | 'approved' | 'rejected'>;
}

const initialState = (): PolicyState => ({ proposals: new Map() });

/** People are told apart by their id, whatever case or surrounding spaces it came with. */

function propose({ data, metadata }: c.ProposePolicy, state: PolicyState): PolicyEvent[] {
  const proposalId = guard.nonEmpty(data.proposalId, 'proposalId');
  if (state.proposals.has(proposalId)) return [];
  if (state.pending) throw new DomainError('PROPOSAL_PENDING', `policy proposal ${state.pending.proposalId} awaits a checker: approve or reject it first`);
  const policy = validPolicyTerms(data.policy);
  return [{ type: 'PolicyProposed', data: { proposalId, policy, maker: metadata.actor, proposedAt: metadata.now } }];
}

function pendingOf(state: PolicyState, proposalId: string): PendingPolicy {
  const outcome = state.proposals.get(proposalId);
  if (outcome === undefined) throw new DomainError('PROPOSAL_NOT_FOUND', `no policy proposal ${proposalId}`);
  if (outcome !== 'pending' || state.pending?.proposalId !== proposalId) throw new DomainError('PROPOSAL_DECIDED', `policy proposal ${proposalId} is already ${outcome}`);
  return state.pending;
}

function approve({ data, metadata }: c.ApprovePolicy, state: PolicyState): PolicyEvent[] {
  const { proposalId, policy, maker } = pendingOf(state, data.proposalId);
  if (sameIdentity(maker, metadata.actor)) throw new DomainError('MAKER_CHECKER', `${metadata.actor} proposed this policy and cannot also approve it`);
  return [{ type: 'PolicyApproved', data: { proposalId, policy, maker, checker: metadata.actor, approvedAt: metadata.now } }];
}

/** Rejection only leaves the policy in force as it was, so the maker may reject (withdraw) their own. */
function reject({ data, metadata }: c.RejectPolicy, state: PolicyState): PolicyEvent[] {
  const pending = pendingOf(state, data.proposalId);
  const reason = guard.nonEmpty(data.reason, 'reason');
  return [{ type: 'PolicyRejected', data: { proposalId: pending.proposalId, maker: pending.maker, rejectedBy: metadata.actor, reason, rejectedAt: metadata.now } }];
}

function decide(command: c.PolicyCommand, state: PolicyState): PolicyEvent[] {
  switch (command.type) {
    case 'ProposePolicy': return propose(command, state);
    case 'ApprovePolicy': return approve(command, state);
    case 'RejectPolicy': return reject(command, state);
    default: return assertNever(command);
  }
}

function evolve(state: PolicyState, event: PolicyEvent): PolicyState {
  const proposals = new Map(state.proposals);
  switch (event.type) {
    case 'PolicyProposed': {
      const { proposalId, policy, maker, proposedAt } = event.data;
      return { ...state, pending: { proposalId, policy, maker, proposedAt }, proposals: proposals.set(proposalId, 'pending') };
    }
    case 'PolicyApproved': {
      const { proposalId, policy, maker, checker, approvedAt } = event.data;
      return { current: { proposalId, policy, maker, checker, approvedAt }, proposals: proposals.set(proposalId, 'approved') };
    }
    case 'PolicyRejected': {
      const { pending: _rejected, ...rest } = state;
      return { ...rest, proposals: proposals.set(event.data.proposalId, 'rejected') };
    }
    default:
      return assertNever(event);
  }
}

export const policyDecider: Decider<c.PolicyCommand, PolicyEvent, PolicyState> = { decide, evolve, initialState };
