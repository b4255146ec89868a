import { DomainCommand } from '../shared/event';
import { BreakType, Severity } from './break-types';
import { BreakFigures, ReconcilerContext } from './events';
import { ProposedTerms } from './resolution';

/**
 * Sent by the reconciler, with a deterministic exception id (`ExceptionIds.idFor(asset, break type, subject)`),
 * so raising an open break again with the same figures is a no-op, with other figures or severity
 * updates them, raising a cleared one reopens it, and raising a closed one reopens it only when the
 * approved outcome no longer covers the break (resolution.ts, reopenReason).
 */
export type RaiseException = DomainCommand<'RaiseException', ReconcilerContext & {
  exceptionId: string;
  assetId: string;
  breakType: BreakType;
  severity: Severity;
  figures: BreakFigures;
  evidenceEventIds: readonly string[];
}>;
export type AssignException = DomainCommand<'AssignException', { exceptionId: string; assignee: string }>;
export type CommentOnException = DomainCommand<'CommentOnException', { exceptionId: string; commentId: string; text: string }>;
/**
 * The maker is `metadata.actor`. A proposal names an outcome with its terms (resolution.ts); one
 * that gives only the free-text `resolution`, as callers did before outcomes, is fixed at source
 * for reason OTHER.
 */
export type ProposeResolution = DomainCommand<'ProposeResolution', ProposedTerms & { exceptionId: string; proposalId: string; resolution?: string }>;
/** The checker is `metadata.actor`, and must not be the maker. */
export type ApproveResolution = DomainCommand<'ApproveResolution', { exceptionId: string; proposalId: string }>;
export type RejectResolution = DomainCommand<'RejectResolution', { exceptionId: string; proposalId: string; reason: string }>;
export type ClearException = DomainCommand<'ClearException', { exceptionId: string; reason: string; evidenceEventIds: readonly string[] }>;
/** Sent by the reconciler when the break's fault crossed the exception cap: `intoExceptionId` is the aggregate. */
export type FoldException = DomainCommand<'FoldException', { exceptionId: string; intoExceptionId: string }>;
export type ReopenException = DomainCommand<'ReopenException', { exceptionId: string; reason: string }>;

export type ExceptionCommand =
  | RaiseException
  | AssignException
  | CommentOnException
  | ProposeResolution
  | ApproveResolution
  | RejectResolution
  | ClearException
  | FoldException
  | ReopenException;
