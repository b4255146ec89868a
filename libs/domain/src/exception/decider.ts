import { assertNever, Decider, DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import { sameIdentity } from '../shared/identity';
import * as c from './commands';
import { ExceptionEvent } from './events';
import { raise, validEvidence } from './raise';
import { describeTerms, instrumentSubject, validTerms } from './resolution';
import { evolve, ExceptionState, initialState, isOpen, KnownException, PendingProposal, refOf } from './state';

function requireKnown(state: ExceptionState, exceptionId: string): KnownException {
  if (state.status === 'None') throw new DomainError('EXCEPTION_NOT_FOUND', `exception ${exceptionId} was never raised`);
  return state;
}

function requireOpen(state: ExceptionState, exceptionId: string): KnownException {
  const known = requireKnown(state, exceptionId);
  if (!isOpen(known)) throw new DomainError('EXCEPTION_CLOSED', `exception ${exceptionId} is ${known.status}`);
  return known;
}

function assign({ data, metadata }: c.AssignException, state: ExceptionState): ExceptionEvent[] {
  const known = requireOpen(state, data.exceptionId);
  const assignee = guard.nonEmpty(data.assignee, 'assignee');
  if (known.assignee === assignee) return [];
  return [{ type: 'ExceptionAssigned', data: { ...refOf(known), assignee, assignedBy: metadata.actor, assignedAt: metadata.now } }];
}

function comment({ data, metadata }: c.CommentOnException, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId); // closed exceptions take comments too: auditors annotate them
  const commentId = guard.nonEmpty(data.commentId, 'commentId');
  if (known.comments.has(commentId)) return [];
  const text = guard.nonEmpty(data.text, 'text');
  return [{ type: 'ExceptionCommented', data: { ...refOf(known), commentId, author: metadata.actor, text, commentedAt: metadata.now } }];
}

function propose({ data, metadata }: c.ProposeResolution, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  const proposalId = guard.nonEmpty(data.proposalId, 'proposalId');
  if (known.proposals.has(proposalId)) return [];
  if (!isOpen(known)) throw new DomainError('EXCEPTION_CLOSED', `exception ${data.exceptionId} is ${known.status}`);
  if (known.pending) throw new DomainError('PROPOSAL_PENDING', `proposal ${known.pending.proposalId} awaits a checker`);
  const proposed = { ...refOf(known), proposalId, maker: metadata.actor };
  if (data.outcome === undefined) {
    // Free text only, as before outcomes: recorded as it always was, read as fixed at source (legacyTerms).
    const resolution = guard.nonEmpty(data.resolution ?? '', 'resolution');
    return [{ type: 'ResolutionProposed', data: { ...proposed, resolution, proposedAt: metadata.now } }];
  }
  const terms = validTerms(data, known.raised);
  const resolution = data.resolution === undefined ? describeTerms(terms) : guard.nonEmpty(data.resolution, 'resolution');
  return [{ type: 'ResolutionProposed', data: { ...proposed, ...terms, resolution, proposedAt: metadata.now } }];
}

/** What an approved outcome records besides the closure: the adjusting entry, or the ISIN on the ignore list. */
function outcomeEvents(known: KnownException, pending: PendingProposal, checker: string, now: string): ExceptionEvent[] {
  const { terms } = pending;
  if (!terms) return [];
  const audit = { reasonCode: terms.reasonCode, justification: terms.justification, proposedBy: pending.maker, approvedBy: checker };
  const { breakType, subject } = known.raised;
  if (terms.outcome === 'write-off') {
    const adjustment = { adjustmentId: pending.proposalId, breakType, ...(subject === undefined ? {} : { subject }), amount: terms.amount! };
    return [{ type: 'AdjustmentRecorded', data: { ...refOf(known), ...adjustment, ...audit, recordedAt: now } }];
  }
  if (terms.outcome === 'ignore-instrument') {
    const instrument = instrumentSubject(subject)!;
    return [{ type: 'InstrumentIgnored', data: { ...refOf(known), custodian: instrument.custodian, account: instrument.account, isin: terms.isin!, ...audit, ignoredAt: now } }];
  }
  return [];
}

function pendingProposal(known: KnownException, proposalId: string) {
  if (known.pending?.proposalId !== proposalId) throw new DomainError('NO_PENDING_PROPOSAL', `proposal ${proposalId} is not awaiting approval`);
  return known.pending;
}

function approve({ data, metadata }: c.ApproveResolution, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  if (known.outcomes.get(data.proposalId) === 'approved') return [];
  const pending = pendingProposal(known, data.proposalId);
  if (sameIdentity(pending.maker, metadata.actor)) {
    throw new DomainError('MAKER_CHECKER', `${metadata.actor} proposed this resolution and cannot also approve it`);
  }
  const ref = refOf(known);
  // A free-text proposal's closure is recorded as it always was: the text only.
  const terms = pending.terms ?? {};
  return [
    { type: 'ResolutionApproved', data: { ...ref, proposalId: pending.proposalId, maker: pending.maker, checker: metadata.actor, approvedAt: metadata.now } },
    ...outcomeEvents(known, pending, metadata.actor, metadata.now),
    { type: 'ExceptionClosed', data: { ...ref, ...terms, proposalId: pending.proposalId, resolution: pending.resolution, closedAt: metadata.now } },
  ];
}

/** Rejection only sends the exception back to Open, so the maker may reject (withdraw) their own. */
function reject({ data, metadata }: c.RejectResolution, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  if (known.outcomes.get(data.proposalId) === 'rejected') return [];
  const pending = pendingProposal(known, data.proposalId);
  const reason = guard.nonEmpty(data.reason, 'reason');
  return [{ type: 'ResolutionRejected', data: { ...refOf(known), proposalId: pending.proposalId, rejectedBy: metadata.actor, reason, rejectedAt: metadata.now } }];
}

function clear({ data, metadata }: c.ClearException, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  if (!isOpen(known)) return []; // already closed or cleared: the reconciler's clear is a retry
  const reason = guard.nonEmpty(data.reason, 'reason');
  return [{ type: 'ExceptionCleared', data: { ...refOf(known), reason, evidenceEventIds: validEvidence(data.evidenceEventIds), clearedAt: metadata.now } }];
}

/** Only an open exception folds; a retry, or a break people closed meanwhile, records nothing. */
function foldInto({ data, metadata }: c.FoldException, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  if (!isOpen(known)) return [];
  const intoExceptionId = guard.nonEmpty(data.intoExceptionId, 'intoExceptionId');
  if (intoExceptionId === data.exceptionId) throw new DomainError('INVALID_FIELD', `intoExceptionId: an exception cannot fold into itself (${intoExceptionId})`);
  return [{ type: 'ExceptionFolded', data: { ...refOf(known), intoExceptionId, foldedAt: metadata.now } }];
}

function reopen({ data, metadata }: c.ReopenException, state: ExceptionState): ExceptionEvent[] {
  const known = requireKnown(state, data.exceptionId);
  if (isOpen(known)) throw new DomainError('EXCEPTION_ALREADY_OPEN', `exception ${data.exceptionId} is ${known.status}`);
  const reason = guard.nonEmpty(data.reason, 'reason');
  const { severity, figures, evidenceEventIds, asOf, affected } = known.raised;
  const context = { ...(asOf === undefined ? {} : { asOf }), ...(affected === undefined ? {} : { affected }) };
  return [{ type: 'ExceptionReopened', data: { ...refOf(known), reason, reopenedBy: metadata.actor, severity, figures, evidenceEventIds, ...context, reopenedAt: metadata.now } }];
}

function decide(command: c.ExceptionCommand, state: ExceptionState): ExceptionEvent[] {
  switch (command.type) {
    case 'RaiseException': return raise(command, state);
    case 'AssignException': return assign(command, state);
    case 'CommentOnException': return comment(command, state);
    case 'ProposeResolution': return propose(command, state);
    case 'ApproveResolution': return approve(command, state);
    case 'RejectResolution': return reject(command, state);
    case 'ClearException': return clear(command, state);
    case 'FoldException': return foldInto(command, state);
    case 'ReopenException': return reopen(command, state);
    default: return assertNever(command);
  }
}

export const exceptionDecider: Decider<c.ExceptionCommand, ExceptionEvent, ExceptionState> = { decide, evolve, initialState };
