import { assertNever, Decider, DomainError } from '../shared/decider';
import { CorrectSealedPeriod, PeriodCommand, SealPeriod } from './commands';
import { PeriodEvent, PeriodSealed } from './events';

export interface SealedPeriod {
  readonly periodId: string;
  readonly from: string;
  readonly to: string;
}

export interface PeriodState {
  readonly sealed: readonly SealedPeriod[];
  readonly corrections: ReadonlySet<string>;
}

const instant = (text: string, field: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new DomainError('invalid-time', `${field}: not an ISO-8601 time ("${text}")`);
  return ms;
};

/** The sealed period a business time falls in, if any (a bare date counts as its midnight UTC). */
export function sealedPeriodAt(state: PeriodState, businessTime: string): SealedPeriod | undefined {
  const at = instant(businessTime, 'businessTime');
  return state.sealed.find((p) => Date.parse(p.from) <= at && at < Date.parse(p.to));
}

function seal({ data, metadata }: SealPeriod, state: PeriodState): PeriodEvent[] {
  const existing = state.sealed.find((p) => p.periodId === data.periodId);
  if (existing) {
    if (existing.from === data.from && existing.to === data.to) return []; // a repeated close
    throw new DomainError('period-already-sealed', `period ${data.periodId} is sealed as [${existing.from}, ${existing.to})`);
  }
  if (!(instant(data.from, 'from') < instant(data.to, 'to'))) throw new DomainError('invalid-period', 'from: must be before to');
  if (!data.signature || !data.publicKey) throw new DomainError('unsigned-seal', 'signature: a seal must be signed');
  if (!/^\d+$/.test(data.chainHead.position) || !/^[0-9a-f]{64}$/.test(data.chainHead.hash)) {
    throw new DomainError('invalid-chain-head', 'chainHead: position must be an integer and hash 64 hex digits');
  }
  const overlap = state.sealed.find((p) => Date.parse(p.from) < Date.parse(data.to) && Date.parse(data.from) < Date.parse(p.to));
  if (overlap) throw new DomainError('period-overlaps', `[${data.from}, ${data.to}) overlaps sealed period ${overlap.periodId}`);
  const sealed: PeriodSealed = { type: 'PeriodSealed', data: { ...data, sealedBy: metadata.actor, sealedAt: metadata.now } };
  return [sealed];
}

function correct({ data, metadata }: CorrectSealedPeriod, state: PeriodState): PeriodEvent[] {
  if (state.corrections.has(data.correctionId)) return [];
  const period = sealedPeriodAt(state, data.businessTime);
  if (!period) throw new DomainError('period-not-sealed', `businessTime: ${data.businessTime} is in no sealed period; write it as usual`);
  if (data.reason.trim().length < 5) throw new DomainError('correction-reason-required', 'reason: say why a sealed period is corrected (5 characters at least)');
  return [{ type: 'SealedPeriodCorrected', data: { periodId: period.periodId, ...data, correctedBy: metadata.actor, correctedAt: metadata.now } }];
}

/**
 * Period seals: close a period with a signed seal over the chain head; afterwards business events
 * dated inside it are refused (see admitIntoPeriods) unless a correction, recorded here, admits them.
 */
export const periodDecider: Decider<PeriodCommand, PeriodEvent, PeriodState> = {
  initialState: () => ({ sealed: [], corrections: new Set() }),
  decide: (command, state) => {
    switch (command.type) {
      case 'SealPeriod':
        return seal(command, state);
      case 'CorrectSealedPeriod':
        return correct(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PeriodSealed':
        return { ...state, sealed: [...state.sealed, { periodId: event.data.periodId, from: event.data.from, to: event.data.to }] };
      case 'SealedPeriodCorrected':
        return { ...state, corrections: new Set([...state.corrections, event.data.correctionId]) };
      default:
        return assertNever(event);
    }
  },
};
