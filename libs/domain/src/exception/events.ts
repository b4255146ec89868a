import { DomainEvent } from '../shared/event';
import { BreakType, Severity } from './break-types';
import { ResolutionTerms } from './resolution';

/** Named figures behind a break ("required", "held", "difference", "tolerance"): decimal strings, or a date, instant or standard reason code (raise.ts). */
export type BreakFigures = Readonly<Record<string, string>>;

interface ExceptionRef {
  exceptionId: string;
  /** Kept on every event: the relay keys Kafka messages by asset id. */
  assetId: string;
}

/** One break an aggregate exception stands for (see applyExceptionCap). */
export interface AffectedSubject {
  readonly assetId: string;
  readonly subject: string;
}

/**
 * What the reconciler adds when it raises, reopens or updates a break. All optional: exceptions
 * raised before these fields existed, or by a person, have none of them.
 */
export interface ReconcilerContext {
  /** The deterministic subject key the exception id was derived from ("trade:t1", "chain:8453"). */
  subject?: string;
  /** Business time the figures describe; kept apart from the figures so a later run with the same figures changes nothing. */
  asOf?: string;
  /** Set on an aggregate exception: the breaks one systemic fault caused. */
  affected?: readonly AffectedSubject[];
}

export type ExceptionRaised = DomainEvent<'ExceptionRaised', ExceptionRef & ReconcilerContext & {
  breakType: BreakType;
  severity: Severity;
  figures: BreakFigures;
  /** Ids of the stored events that show the break: the drill-down auditors follow. */
  evidenceEventIds: readonly string[];
  raisedAt: string;
}>;
export type ExceptionAssigned = DomainEvent<'ExceptionAssigned', ExceptionRef & { assignee: string; assignedBy: string; assignedAt: string }>;
export type ExceptionCommented = DomainEvent<'ExceptionCommented', ExceptionRef & { commentId: string; author: string; text: string; commentedAt: string }>;
/**
 * The terms are optional: proposals recorded before outcomes existed carry only the free-text
 * `resolution`, and count as fixed at source for reason OTHER (legacyTerms).
 */
type OptionalTerms = Partial<ResolutionTerms>;
export type ResolutionProposed = DomainEvent<'ResolutionProposed', ExceptionRef & OptionalTerms & { proposalId: string; maker: string; resolution: string; proposedAt: string }>;
export type ResolutionApproved = DomainEvent<'ResolutionApproved', ExceptionRef & { proposalId: string; maker: string; checker: string; approvedAt: string }>;
export type ResolutionRejected = DomainEvent<'ResolutionRejected', ExceptionRef & { proposalId: string; rejectedBy: string; reason: string; rejectedAt: string }>;
/** Closed by people, through an approved resolution. */
export type ExceptionClosed = DomainEvent<'ExceptionClosed', ExceptionRef & OptionalTerms & { proposalId: string; resolution: string; closedAt: string }>;
/**
 * An approved write-off: the adjusting entry, with its own audit trail (who proposed, who approved,
 * what amount on which subject). The exception closes with it; the reconciler's later raises are
 * weighed net of it (resolution.ts, reopenReason).
 */
export type AdjustmentRecorded = DomainEvent<'AdjustmentRecorded', ExceptionRef & {
  adjustmentId: string;
  breakType: BreakType;
  subject?: string;
  /** The signed difference written off, decimal shares. */
  amount: string;
  reasonCode: ResolutionTerms['reasonCode'];
  justification: string;
  proposedBy: string;
  approvedBy: string;
  recordedAt: string;
}>;
/**
 * An approved ignore-instrument: the ISIN, held at the custodian but not tokenized, goes on the
 * account's ignore list. Folded into the account's facts, so the reconciler raises no
 * unknown-instrument break for it on this or any later statement.
 */
export type InstrumentIgnored = DomainEvent<'InstrumentIgnored', ExceptionRef & {
  custodian: string;
  account: string;
  isin: string;
  reasonCode: ResolutionTerms['reasonCode'];
  justification: string;
  proposedBy: string;
  approvedBy: string;
  ignoredAt: string;
}>;
/** Cleared by the reconciler: a later run no longer sees the break. */
export type ExceptionCleared = DomainEvent<'ExceptionCleared', ExceptionRef & { reason: string; evidenceEventIds: readonly string[]; clearedAt: string }>;
/**
 * The reconciler now holds this break inside an aggregate exception: more breaks of one fault than
 * the exception cap are worked as one systemic exception, which lists this one among those it
 * affects. Not a resolution: the break still exists, and if the aggregate is cleared while the break
 * persists the reconciler raises it again here (a reopen).
 */
export type ExceptionFolded = DomainEvent<'ExceptionFolded', ExceptionRef & { intoExceptionId: string; foldedAt: string }>;
/** Reopened by a person, or by the reconciler seeing the break again under the same exception id. */
export type ExceptionReopened = DomainEvent<'ExceptionReopened', ExceptionRef & Omit<ReconcilerContext, 'subject'> & {
  reason: string;
  reopenedBy: string;
  severity: Severity;
  figures: BreakFigures;
  evidenceEventIds: readonly string[];
  reopenedAt: string;
}>;

/**
 * The reconciler still sees an open break, with other figures or severity (a shortfall that grew, a
 * settlement that aged into a higher severity). A raise with the same figures and severity records
 * nothing, so re-raising on every run stays idempotent.
 */
export type ExceptionFiguresUpdated = DomainEvent<'ExceptionFiguresUpdated', ExceptionRef & Omit<ReconcilerContext, 'subject'> & {
  severity: Severity;
  figures: BreakFigures;
  evidenceEventIds: readonly string[];
  updatedAt: string;
}>;

export type ExceptionEvent =
  | ExceptionRaised
  | ExceptionAssigned
  | ExceptionCommented
  | ResolutionProposed
  | ResolutionApproved
  | ResolutionRejected
  | ExceptionClosed
  | AdjustmentRecorded
  | InstrumentIgnored
  | ExceptionCleared
  | ExceptionFolded
  | ExceptionReopened
  | ExceptionFiguresUpdated;

export const EXCEPTION_EVENT_TYPES = [
  'ExceptionRaised', 'ExceptionAssigned', 'ExceptionCommented', 'ResolutionProposed', 'ResolutionApproved',
  'ResolutionRejected', 'ExceptionClosed', 'AdjustmentRecorded', 'InstrumentIgnored', 'ExceptionCleared', 'ExceptionFolded', 'ExceptionReopened', 'ExceptionFiguresUpdated',
] as const satisfies readonly ExceptionEvent['type'][];
