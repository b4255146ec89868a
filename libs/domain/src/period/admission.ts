import { DomainError } from '../shared/decider';
import { CorrectSealedPeriod } from './commands';
import { PeriodState, sealedPeriodAt } from './decider';

/** What a write into the event store says about itself, for the seal check. */
export interface BusinessWrite {
  readonly streamId: string;
  readonly eventTypes: readonly string[];
  /** Business time of the facts; a write without one (reference data, exception work) is never sealed. */
  readonly businessTime?: string;
  /** An explicit correction: its id (derived from the request) and the reason. */
  readonly correction?: { readonly correctionId: string; readonly reason: string };
}

/**
 * The seal rule: business events dated inside a sealed period are refused, unless the write is an
 * explicit correction, which yields the command that records it. Returns undefined when the write
 * may go ahead as usual.
 */
export function admitIntoPeriods(state: PeriodState, write: BusinessWrite, metadata: CorrectSealedPeriod['metadata']): CorrectSealedPeriod | undefined {
  if (write.businessTime === undefined) return undefined;
  const period = sealedPeriodAt(state, write.businessTime);
  if (!period) return undefined;
  if (!write.correction) {
    throw new DomainError(
      'period-sealed',
      `business time ${write.businessTime} is in sealed period ${period.periodId} [${period.from}, ${period.to}); write it as an explicit correction with a reason`,
    );
  }
  return {
    type: 'CorrectSealedPeriod',
    data: { correctionId: write.correction.correctionId, streamId: write.streamId, eventTypes: write.eventTypes, businessTime: write.businessTime, reason: write.correction.reason },
    metadata,
  };
}
