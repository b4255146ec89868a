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

/** The correction of one scan into one sealed period. */
export const chainCorrectionId = (scanId: string, periodId: string): string => `${scanId}:${periodId}`;

/** A fact a chain confirmed: its event type and its block time. */
export interface ChainFactWrite {
  readonly eventType: string;
  readonly businessTime: string;
}

/**
 * The chain is the record: facts it confirmed cannot be refused because the period they are dated
 * in was sealed before the watcher got to them (a watcher that was down, a chain caught up late).
 * They are admitted as explicit corrections instead, one per sealed period a scan reaches into,
 * with the watcher as actor and the reason an auditor reads; `scanId` names the scan, so a retried
 * append of the same scan records its corrections once. Facts outside sealed periods need none.
 */
export function admitChainFacts(state: PeriodState, streamId: string, scanId: string, facts: readonly ChainFactWrite[], metadata: CorrectSealedPeriod['metadata']): CorrectSealedPeriod[] {
  const byPeriod = new Map<string, { period: NonNullable<ReturnType<typeof sealedPeriodAt>>; facts: ChainFactWrite[] }>();
  for (const fact of facts) {
    const period = sealedPeriodAt(state, fact.businessTime);
    if (period) byPeriod.set(period.periodId, { period, facts: [...(byPeriod.get(period.periodId)?.facts ?? []), fact] });
  }
  return [...byPeriod.values()].map(({ period, facts: late }) => {
    const earliest = late.reduce((min, f) => (Date.parse(f.businessTime) < Date.parse(min) ? f.businessTime : min), late[0]!.businessTime);
    return {
      type: 'CorrectSealedPeriod',
      data: {
        correctionId: chainCorrectionId(scanId, period.periodId), streamId, eventTypes: [...new Set(late.map((f) => f.eventType))].sort(), businessTime: earliest,
        reason: `chain facts confirmed after period ${period.periodId} was sealed (${late.length} dated from ${earliest}): the chain is the record, so they are admitted as a correction, not refused`,
      },
      metadata,
    };
  });
}
