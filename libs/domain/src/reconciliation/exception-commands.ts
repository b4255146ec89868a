import { ClearException, ExceptionCommand, FoldException, RaiseException } from '../exception/commands';
import { ExceptionIds } from '../exception/exception-id';
import { CommandMetadata } from '../shared/decider';
import { applyExceptionCap, capGroupOf } from './exception-cap';
import { Finding } from './finding';

export interface OpenException {
  readonly exceptionId: string;
  readonly assetId: string;
  /** The cap group (capGroupOf) of the break it was raised for; absent on exceptions recorded before groups were kept. */
  readonly group?: string;
}

export interface ExceptionPlan {
  /**
   * Every finding of the book in the cap groups this pass touched, uncapped: the reconciled assets'
   * new findings and, for the same groups, the other assets' latest ones. The cap is applied here,
   * over the whole book, so which breaks are worked as one aggregate never depends on how the
   * events were batched into passes.
   */
  readonly findings: readonly Finding[];
  /** Cap groups the pass touched: those of the reconciled assets' findings before and after it. */
  readonly groups: readonly string[];
  /** Exceptions the reconciler holds open (Open or AwaitingApproval) for the reconciled assets and the touched groups. */
  readonly open: readonly OpenException[];
  /** Assets this pass reconciled: an open exception kept without a group may be cleared only for them. */
  readonly reconciledAssetIds: readonly string[];
  /** More findings of one fault than this are raised as one aggregate (see applyExceptionCap). */
  readonly cap: number;
  readonly metadata: CommandMetadata;
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

export interface ExceptionPass {
  readonly commands: readonly ExceptionCommand[];
  /** The cap group of every exception the pass raises: what the reconciler keeps beside it while it is open. */
  readonly groupOf: ReadonlyMap<string, string>;
}

/**
 * The commands that bring the exception streams in line with a pass: a RaiseException per finding
 * after the cap (the decider makes it a raise, an update, a reopen or nothing); for each open
 * exception in the pass's scope that is not raised any more, a FoldException when an aggregate now
 * stands for its break, and a ClearException when the break is gone.
 *
 * The open set this leaves is a function of the book's findings alone: a break worked on its own
 * while its fault was small is folded once the fault crosses the cap, and raised on its own again
 * (reopened) when the fault shrinks back. So a rebuild, which sees the whole history in a few large
 * passes, ends with the same open exceptions as the live projector, which saw it event by event.
 */
export function exceptionPassFor(plan: ExceptionPlan): ExceptionPass {
  const { findings, groups, open, reconciledAssetIds, cap, metadata, ids } = plan;
  const capped = applyExceptionCap(findings, cap, ids);
  const raised = new Set(capped.map((f) => f.exceptionId));
  const aggregateOf = new Map<string, string>();
  for (const f of capped) for (const a of f.affected ?? []) aggregateOf.set(ids.idFor(a.assetId, f.breakType, a.subject), f.exceptionId);
  const touched = new Set([...groups, ...findings.map(capGroupOf)]);
  const reconciled = new Set(reconciledAssetIds);
  const inScope = (e: OpenException) => (e.group === undefined ? reconciled.has(e.assetId) : touched.has(e.group));
  const retired = open.filter((e) => inScope(e) && !raised.has(e.exceptionId)).map((e): ClearException | FoldException => {
    const intoExceptionId = aggregateOf.get(e.exceptionId);
    return intoExceptionId
      ? { type: 'FoldException', data: { exceptionId: e.exceptionId, intoExceptionId }, metadata }
      : { type: 'ClearException', data: { exceptionId: e.exceptionId, reason: 'break no longer seen by reconciliation', evidenceEventIds: [] }, metadata };
  });
  return {
    commands: [...capped.map((f) => raiseCommandFor(f, metadata)), ...retired],
    groupOf: new Map(capped.map((f) => [f.exceptionId, capGroupOf(f)])),
  };
}

export const exceptionCommandsFor = (plan: ExceptionPlan): readonly ExceptionCommand[] => exceptionPassFor(plan).commands;
