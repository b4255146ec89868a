import { assertNever } from '../shared/decider';
import { ExceptionEvent, ExceptionFiguresUpdated, ExceptionRaised, ExceptionReopened } from './events';

export interface PendingProposal {
  readonly proposalId: string;
  readonly maker: string;
  readonly resolution: string;
}

export type ExceptionState =
  | { readonly status: 'None' }
  | {
      /**
       * AwaitingApproval: a maker proposed a resolution; only a different checker can close it.
       * Folded: worked inside an aggregate exception (see ExceptionFolded); not open on its own.
       */
      readonly status: 'Open' | 'AwaitingApproval' | 'Closed' | 'Cleared' | 'Folded';
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

export const isOpen = (state: KnownException): boolean => state.status === 'Open' || state.status === 'AwaitingApproval';

export const refOf = (known: KnownException) => ({ exceptionId: known.raised.exceptionId, assetId: known.raised.assetId });

/** The latest view of the break replaces the one it was raised with; `asOf` and `affected` only when the event has them. */
function latest(raised: ExceptionRaised['data'], event: ExceptionReopened | ExceptionFiguresUpdated): ExceptionRaised['data'] {
  const { severity, figures, evidenceEventIds, asOf, affected } = event.data;
  const { asOf: _asOf, affected: _affected, ...rest } = raised;
  return { ...rest, severity, figures, evidenceEventIds, ...(asOf === undefined ? {} : { asOf }), ...(affected === undefined ? {} : { affected }) };
}

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
    case 'ExceptionFolded':
      return { ...state, status: 'Folded', pending: undefined };
    case 'ExceptionReopened':
      return { ...state, status: 'Open', raised: latest(state.raised, event) };
    case 'ExceptionFiguresUpdated':
      return { ...state, raised: latest(state.raised, event) };
    default:
      return assertNever(event);
  }
}
