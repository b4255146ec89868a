import { assertNever } from '../shared/decider';
import { ExceptionEvent, ExceptionRaised } from './events';

export interface PendingProposal {
  readonly proposalId: string;
  readonly maker: string;
  readonly resolution: string;
}

export type ExceptionState =
  | { readonly status: 'None' }
  | {
      /** AwaitingApproval: a maker proposed a resolution; only a different checker can close it. */
      readonly status: 'Open' | 'AwaitingApproval' | 'Closed' | 'Cleared';
      readonly raised: ExceptionRaised['data'];
      readonly assignee: string | undefined;
      readonly pending: PendingProposal | undefined;
      /** Processed business keys, so a retried command produces no second event. */
      readonly comments: ReadonlySet<string>;
      readonly proposals: ReadonlySet<string>;
      readonly outcomes: ReadonlyMap<string, 'approved' | 'rejected'>;
    };

export type KnownException = Exclude<ExceptionState, { status: 'None' }>;

export const initialState = (): ExceptionState => ({ status: 'None' });

export function evolve(state: ExceptionState, event: ExceptionEvent): ExceptionState {
  if (event.type === 'ExceptionRaised') {
    return { status: 'Open', raised: event.data, assignee: undefined, pending: undefined, comments: new Set(), proposals: new Set(), outcomes: new Map() };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'ExceptionAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'ExceptionCommented':
      return { ...state, comments: new Set(state.comments).add(event.data.commentId) };
    case 'ResolutionProposed': {
      const { proposalId, maker, resolution } = event.data;
      return { ...state, status: 'AwaitingApproval', pending: { proposalId, maker, resolution }, proposals: new Set(state.proposals).add(proposalId) };
    }
    case 'ResolutionApproved':
      return { ...state, pending: undefined, outcomes: new Map(state.outcomes).set(event.data.proposalId, 'approved') };
    case 'ResolutionRejected':
      return { ...state, status: 'Open', pending: undefined, outcomes: new Map(state.outcomes).set(event.data.proposalId, 'rejected') };
    case 'ExceptionClosed':
      return { ...state, status: 'Closed', pending: undefined };
    case 'ExceptionCleared':
      return { ...state, status: 'Cleared', pending: undefined };
    case 'ExceptionReopened': {
      const { severity, figures, evidenceEventIds } = event.data;
      return { ...state, status: 'Open', raised: { ...state.raised, severity, figures, evidenceEventIds } };
    }
    default:
      return assertNever(event);
  }
}
