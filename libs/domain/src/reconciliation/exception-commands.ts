import { ClearException, ExceptionCommand, RaiseException } from '../exception/commands';
import { ExceptionIds } from '../exception/exception-id';
import { CommandMetadata } from '../shared/decider';
import { Finding } from './finding';

export interface OpenException {
  readonly exceptionId: string;
  readonly assetId: string;
}

export interface ExceptionPlan {
  /** Findings of this pass, after applyExceptionCap if it was applied. */
  readonly findings: readonly Finding[];
  /** Exceptions the reconciler raised earlier that are open now (Open or AwaitingApproval). */
  readonly open: readonly OpenException[];
  /** Assets this pass reconciled (SYSTEMIC_ASSET_ID too, when the pass covered all assets): only their exceptions may be cleared. */
  readonly reconciledAssetIds: readonly string[];
  readonly metadata: CommandMetadata;
  /** The ids the findings were named with: a break an aggregate stands for keeps its own exception open. */
  readonly ids: ExceptionIds;
}

export function raiseCommandFor(finding: Finding, metadata: CommandMetadata): RaiseException {
  const { exceptionId, assetId, breakType, severity, figures, evidenceEventIds, subject, asOf, affected } = finding;
  return {
    type: 'RaiseException',
    data: { exceptionId, assetId, breakType, severity, figures, evidenceEventIds, subject, asOf, ...(affected ? { affected } : {}) },
    metadata,
  };
}

/**
 * The commands that bring the exception streams in line with a pass: a RaiseException per finding
 * (the decider makes it a raise, an update, a reopen or nothing), and a ClearException for each open
 * exception of a reconciled asset that the pass no longer sees. A break folded into an aggregate is
 * still seen: its own exception stays open.
 */
export function exceptionCommandsFor({ findings, open, reconciledAssetIds, metadata, ids }: ExceptionPlan): ExceptionCommand[] {
  const seen = new Set(findings.flatMap((f) => [f.exceptionId, ...(f.affected ?? []).map((a) => ids.idFor(a.assetId, f.breakType, a.subject))]));
  const reconciled = new Set(reconciledAssetIds);
  const clears = open
    .filter((e) => reconciled.has(e.assetId) && !seen.has(e.exceptionId))
    .map((e): ClearException => ({ type: 'ClearException', data: { exceptionId: e.exceptionId, reason: 'break no longer seen by reconciliation', evidenceEventIds: [] }, metadata }));
  return [...findings.map((f) => raiseCommandFor(f, metadata)), ...clears];
}
