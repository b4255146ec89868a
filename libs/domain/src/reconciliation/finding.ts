import { BreakType, Severity, TYPICAL_SEVERITY } from '../exception/break-types';
import { ExceptionIds } from '../exception/exception-id';
import { AffectedSubject, BreakFigures } from '../exception/events';
import * as guard from '../shared/guards';
import { instantMs } from '../matching/time';
import { ReconciliationPolicy } from './policy';

/**
 * A break the rules see. `exceptionId` is `ids.idFor(assetId, breakType, subject)`, so the same
 * break found again lands on the same exception.
 *
 * Figures are exact decimal strings, named per break type (see the rule that raises it); share
 * figures are at 18 decimals, token figures (`*Units`) in base units. They are facts, never a
 * function of `now`, so a run that sees the same break again produces the same figures and the
 * exception records nothing new; the age of a break shows in its severity and in the exception's age.
 */
export interface Finding {
  readonly exceptionId: string;
  readonly assetId: string;
  readonly breakType: BreakType;
  readonly severity: Severity;
  /** What the break is about within the asset: "collateral", "chain:8453", "trade:t1", ... */
  readonly subject: string;
  /** The common cause one systemic fault would share ("custodian:bank", "chain:8453"): what applyExceptionCap groups by. */
  readonly fault: string;
  readonly figures: BreakFigures;
  /** The run's as-of instant. */
  readonly asOf: string;
  /** Why, in words, for the queue and the logs. */
  readonly reason: string;
  readonly evidenceEventIds: readonly string[];
  /** Set on an aggregate finding: the breaks it stands for. */
  readonly affected?: readonly AffectedSubject[];
}

/** One reconciliation run of one asset: inputs parsed once. */
export interface Run {
  readonly assetId: string;
  readonly policy: ReconciliationPolicy;
  readonly nowMs: number;
  readonly tolerance: bigint;
  readonly ids: ExceptionIds;
}

export function runOf(assetId: string, policy: ReconciliationPolicy, ids: ExceptionIds): Run {
  return {
    assetId: guard.nonEmpty(assetId, 'assetId'),
    policy,
    nowMs: instantMs(policy.now, 'now'),
    tolerance: guard.shares(policy.tolerance, 'tolerance', 'non-negative'),
    ids,
  };
}

export interface FindingSpec {
  readonly breakType: BreakType;
  readonly subject: string;
  readonly fault: string;
  /** Defaults to the break type's typical severity. */
  readonly severity?: Severity;
  readonly figures: BreakFigures;
  readonly reason: string;
  readonly evidence: readonly (readonly string[])[];
}

/** Evidence ids in first-seen order, each once. */
export const uniqueIds = (groups: readonly (readonly string[])[]): string[] => [...new Set(groups.flat())];

export function findingOf(run: Run, spec: FindingSpec): Finding {
  return {
    exceptionId: run.ids.idFor(run.assetId, spec.breakType, spec.subject),
    assetId: run.assetId,
    breakType: spec.breakType,
    severity: spec.severity ?? TYPICAL_SEVERITY[spec.breakType],
    subject: spec.subject,
    fault: spec.fault,
    figures: spec.figures,
    asOf: run.policy.now,
    reason: spec.reason,
    evidenceEventIds: uniqueIds(spec.evidence),
  };
}
