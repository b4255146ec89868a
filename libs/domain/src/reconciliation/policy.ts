import { Duration, durationMs } from '../matching/time';
import { AccountRef } from '../matching/settlement-matching';
import { PolicyTerms } from '../policy/terms';

export interface ReconciliationPolicy {
  /** ISO-8601 instant the run reconciles as of: multipliers, windows and ages are read at it. */
  readonly now: string;
  /** Shares (decimal string): differences up to this are rounding, not breaks; also the matching tolerance. */
  readonly tolerance: string;
  /** How late a statement may be past its due time before it is a break. */
  readonly staleness: {
    readonly default: Duration;
    readonly accounts?: readonly (AccountRef & { readonly window: Duration })[];
  };
  readonly windows: {
    /** After the settlement date: a trade still unsettled is aged; also how far a confirmation or movement may be from its trade. */
    readonly settlement: Duration;
    /** Between a request and its mint or burn (either may be seen first). */
    readonly mintBurn: Duration;
    /** From a statement's first page to its last. */
    readonly missingPage: Duration;
  };
  /** How long past its settlement date an aged settlement stays `high` before it becomes `critical`. */
  readonly agedSettlementCriticalAfter: Duration;
}

/**
 * How long past its due time an account's statement may be late: the grace of the account's approved
 * schedule when it has one (reference data, set with four eyes), else the policy's window for the
 * account, else the policy's default.
 */
export function stalenessMs(policy: ReconciliationPolicy, { custodian, account, grace }: AccountRef & { readonly grace?: Duration }): number {
  if (grace) return durationMs(grace, 'grace');
  const own = policy.staleness.accounts?.find((a) => a.custodian === custodian && a.account === account);
  return durationMs(own?.window ?? policy.staleness.default, 'staleness');
}

/** `base` with the terms of an approved policy: tolerance, default staleness, windows and the critical age. */
export function withPolicyTerms<P extends Omit<ReconciliationPolicy, 'now'>>(base: P, terms: PolicyTerms): P {
  const { tolerance, stalenessDefault, windows, agedSettlementCriticalAfter } = terms;
  return { ...base, tolerance, staleness: { ...base.staleness, default: stalenessDefault }, windows, agedSettlementCriticalAfter };
}

/** The terms a policy judges by, in the shape a maker proposes them. */
export function policyTermsOf({ tolerance, staleness, windows, agedSettlementCriticalAfter }: Omit<ReconciliationPolicy, 'now'>): PolicyTerms {
  return { tolerance, stalenessDefault: staleness.default, windows, agedSettlementCriticalAfter };
}
