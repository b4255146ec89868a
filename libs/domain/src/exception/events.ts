import { DomainEvent } from '../shared/event';
import { BreakType, Severity } from './break-types';

/** Named figures behind a break ("required", "held", "difference", "tolerance"), decimal strings. */
export type BreakFigures = Readonly<Record<string, string>>;

interface ExceptionRef {
  exceptionId: string;
  /** Kept on every event: the relay keys Kafka messages by asset id. */
  assetId: string;
}

export type ExceptionRaised = DomainEvent<'ExceptionRaised', ExceptionRef & {
  breakType: BreakType;
  severity: Severity;
  figures: BreakFigures;
  /** Ids of the stored events that show the break: the drill-down auditors follow. */
  evidenceEventIds: readonly string[];
  raisedAt: string;
}>;
export type ExceptionAssigned = DomainEvent<'ExceptionAssigned', ExceptionRef & { assignee: string; assignedBy: string; assignedAt: string }>;
export type ExceptionCommented = DomainEvent<'ExceptionCommented', ExceptionRef & { commentId: string; author: string; text: string; commentedAt: string }>;
export type ResolutionProposed = DomainEvent<'ResolutionProposed', ExceptionRef & { proposalId: string; maker: string; resolution: string; proposedAt: string }>;
export type ResolutionApproved = DomainEvent<'ResolutionApproved', ExceptionRef & { proposalId: string; maker: string; checker: string; approvedAt: string }>;
export type ResolutionRejected = DomainEvent<'ResolutionRejected', ExceptionRef & { proposalId: string; rejectedBy: string; reason: string; rejectedAt: string }>;
/** Closed by people, through an approved resolution. */
export type ExceptionClosed = DomainEvent<'ExceptionClosed', ExceptionRef & { proposalId: string; resolution: string; closedAt: string }>;
/** Cleared by the reconciler: a later run no longer sees the break. */
export type ExceptionCleared = DomainEvent<'ExceptionCleared', ExceptionRef & { reason: string; evidenceEventIds: readonly string[]; clearedAt: string }>;
/** Reopened by a person, or by the reconciler seeing the break again under the same exception id. */
export type ExceptionReopened = DomainEvent<'ExceptionReopened', ExceptionRef & {
  reason: string;
  reopenedBy: string;
  severity: Severity;
  figures: BreakFigures;
  evidenceEventIds: readonly string[];
  reopenedAt: string;
}>;

export type ExceptionEvent =
  | ExceptionRaised
  | ExceptionAssigned
  | ExceptionCommented
  | ResolutionProposed
  | ResolutionApproved
  | ResolutionRejected
  | ExceptionClosed
  | ExceptionCleared
  | ExceptionReopened;

export const EXCEPTION_EVENT_TYPES = [
  'ExceptionRaised', 'ExceptionAssigned', 'ExceptionCommented', 'ResolutionProposed', 'ResolutionApproved',
  'ResolutionRejected', 'ExceptionClosed', 'ExceptionCleared', 'ExceptionReopened',
] as const satisfies readonly ExceptionEvent['type'][];
