import { assertNever } from '../shared/decider';
import { ExceptionEvent, ExceptionFiguresUpdated, ExceptionRaised, ExceptionReopened, ResolutionProposed } from './events';
import { Closure, legacyTerms, ResolutionTerms } from './resolution';

export interface PendingProposal {
  readonly proposalId: string;
  readonly maker: string;
  readonly resolution: string;
  /** Absent on a free-text proposal, which counts as legacyTerms(resolution). */
  readonly terms?: ResolutionTerms;
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
      /** Set while Closed by an approved resolution: what a raise of the break is weighed against (reopenReason). */
      readonly closure?: Closure;
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

function termsOf(data: ResolutionProposed['data']): ResolutionTerms | undefined {
  if (data.outcome === undefined || data.reasonCode === undefined || data.justification === undefined) return undefined;
  const { outcome, reasonCode, justification, amount, until, isin } = data;
  return { outcome, reasonCode, justification, ...(amount === undefined ? {} : { amount }), ...(until === undefined ? {} : { until }), ...(isin === undefined ? {} : { isin }) };
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
      const terms = termsOf(event.data);
      const pending = { proposalId, maker, resolution, ...(terms ? { terms } : {}) };
      return { ...state, status: 'AwaitingApproval', pending, proposals: new Set(state.proposals).add(proposalId) };
    }
    case 'ResolutionApproved':
      // The proposal stays pending until the ExceptionClosed decided with it, which takes its terms.
      return { ...state, outcomes: new Map(state.outcomes).set(event.data.proposalId, 'approved') };
    case 'ResolutionRejected':
      return { ...state, status: 'Open', pending: undefined, outcomes: new Map(state.outcomes).set(event.data.proposalId, 'rejected') };
    case 'ExceptionClosed': {
      // The proposal's terms, or, for a closure recorded before outcomes, its free text.
      const terms = (state.pending?.proposalId === event.data.proposalId ? state.pending.terms : undefined) ?? legacyTerms(event.data.resolution);
      return { ...state, status: 'Closed', pending: undefined, closure: { terms, evidenceEventIds: state.raised.evidenceEventIds } };
    }
    case 'AdjustmentRecorded':
    case 'InstrumentIgnored':
      return state;
    case 'ExceptionCleared':
      return { ...state, status: 'Cleared', pending: undefined, closure: undefined };
    case 'ExceptionFolded':
      return { ...state, status: 'Folded', pending: undefined, closure: undefined };
    case 'ExceptionReopened':
      return { ...state, status: 'Open', raised: latest(state.raised, event), closure: undefined };
    case 'ExceptionFiguresUpdated':
      return { ...state, raised: latest(state.raised, event) };
    default:
      return assertNever(event);
  }
}
