import { DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { BreakFigures } from './events';

/**
 * What an approved resolution does to the break (docs/reconciliation.md, "Resolution outcomes"):
 * - accept-difference: the difference is tolerated up to `amount` until `until` (a date, inclusive);
 * - write-off: an adjusting entry of `amount` (the difference written off) is recorded;
 * - ignore-instrument: the ISIN (not tokenized) goes on the account's ignore list;
 * - fixed-at-source: the cause was corrected where the data comes from.
 */
export const RESOLUTION_OUTCOMES = ['accept-difference', 'write-off', 'ignore-instrument', 'fixed-at-source'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

/** Why, as a short code the queue and reports can count by. */
export const RESOLUTION_REASON_CODES = ['TIMING', 'CUSTODIAN_ERROR', 'BOOKING_ERROR', 'CORPORATE_ACTION', 'NOT_TOKENIZED', 'ROUNDING', 'OTHER'] as const;
export type ResolutionReasonCode = (typeof RESOLUTION_REASON_CODES)[number];

/** The terms a proposal sets and an approval puts in force. Quantities are decimal share strings. */
export interface ResolutionTerms {
  readonly outcome: ResolutionOutcome;
  readonly reasonCode: ResolutionReasonCode;
  readonly justification: string;
  /** accept-difference: the largest difference tolerated; write-off: the (signed) difference written off. */
  readonly amount?: string;
  /** accept-difference: the last date the acceptance holds (YYYY-MM-DD). */
  readonly until?: string;
  /** ignore-instrument: the ISIN put on the account's ignore list. */
  readonly isin?: string;
}

/** What a proposal asks for, as the caller gives it: unchecked. */
export interface ProposedTerms {
  readonly outcome?: string;
  readonly reasonCode?: string;
  readonly justification?: string;
  readonly amount?: string;
  readonly until?: string;
  readonly isin?: string;
}

/** A resolution proposed as free text only (before outcomes existed) counts as fixed at source, for an unstated reason. */
export const legacyTerms = (resolution: string): ResolutionTerms => ({ outcome: 'fixed-at-source', reasonCode: 'OTHER', justification: resolution });

/** The break being resolved, as the decider knows it. */
export interface BreakUnderResolution {
  readonly breakType: string;
  readonly subject?: string;
  readonly figures: BreakFigures;
}

/** An ISIN-held-but-not-tokenized break names its account and ISIN in its subject: `isin:<custodian>:<account>:<isin>`. */
export function instrumentSubject(subject: string | undefined): { custodian: string; account: string; isin: string } | undefined {
  const parts = subject?.split(':');
  if (!parts || parts.length !== 4 || parts[0] !== 'isin') return undefined;
  const [, custodian, account, isin] = parts as [string, string, string, string];
  return { custodian, account, isin };
}

/**
 * The figure an amount is weighed against: the difference where the break has one, else what is
 * left to settle, else the quantity held. A break with none of them (a late statement) has no
 * amount to accept or write off.
 */
export function measureOf(figures: BreakFigures): { name: string; units: bigint } | undefined {
  for (const name of ['difference', 'remaining', 'quantity']) {
    const value = figures[name];
    if (value !== undefined) return { name, units: guard.shares(value, `figures.${name}`) };
  }
  return undefined;
}

const abs = (units: bigint): bigint => (units < 0n ? -units : units);

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError('INVALID_FIELD', `${field}: must be one of ${allowed.join(', ')} (got "${value ?? ''}")`);
  }
  return value as T;
}

function unexpected(terms: ProposedTerms, outcome: ResolutionOutcome, fields: readonly ('amount' | 'until' | 'isin')[]): void {
  for (const field of fields) {
    if (terms[field] !== undefined) throw new DomainError('INVALID_FIELD', `${field}: not taken by outcome ${outcome}`);
  }
}

function requireMeasure(known: BreakUnderResolution, outcome: ResolutionOutcome): { name: string; units: bigint } {
  const measure = measureOf(known.figures);
  if (!measure) throw new DomainError('INVALID_FIELD', `outcome: ${outcome} needs a break with a difference (a ${known.breakType} break has none)`);
  return measure;
}

/** Checks a proposal's terms against the break; every field refused is named. */
export function validTerms(terms: ProposedTerms, known: BreakUnderResolution): ResolutionTerms {
  const outcome = oneOf(terms.outcome, RESOLUTION_OUTCOMES, 'outcome');
  const reasonCode = oneOf(terms.reasonCode, RESOLUTION_REASON_CODES, 'reasonCode');
  const justification = guard.nonEmpty(terms.justification ?? '', 'justification');
  const base = { outcome, reasonCode, justification };
  switch (outcome) {
    case 'accept-difference': {
      unexpected(terms, outcome, ['isin']);
      requireMeasure(known, outcome);
      const amount = formatShares(guard.shares(terms.amount ?? '', 'amount', 'non-negative'));
      const until = guard.businessDate(terms.until ?? '', 'until');
      return { ...base, amount, until };
    }
    case 'write-off': {
      unexpected(terms, outcome, ['until', 'isin']);
      const measure = requireMeasure(known, outcome);
      // Without an amount the whole difference as the break shows it now is written off.
      const amount = terms.amount === undefined ? measure.units : guard.shares(terms.amount, 'amount', 'non-zero');
      return { ...base, amount: formatShares(amount) };
    }
    case 'ignore-instrument': {
      unexpected(terms, outcome, ['amount', 'until']);
      const instrument = instrumentSubject(known.subject);
      if (known.breakType !== 'unknown-instrument' || !instrument) {
        throw new DomainError('INVALID_FIELD', `outcome: ignore-instrument resolves an unknown-instrument break only (this is ${known.breakType})`);
      }
      if (terms.isin !== undefined && terms.isin !== instrument.isin) {
        throw new DomainError('INVALID_FIELD', `isin: the break is about ${instrument.isin} (got "${terms.isin}")`);
      }
      return { ...base, isin: instrument.isin };
    }
    case 'fixed-at-source':
      unexpected(terms, outcome, ['amount', 'until', 'isin']);
      return base;
  }
}

/** The one-line resolution text the queue shows beside the structured terms. */
export function describeTerms(terms: ResolutionTerms): string {
  const detail = terms.outcome === 'accept-difference' ? ` up to ${terms.amount} until ${terms.until}`
    : terms.outcome === 'write-off' ? ` of ${terms.amount}`
      : terms.outcome === 'ignore-instrument' ? ` ${terms.isin}` : '';
  return `${terms.outcome}${detail} (${terms.reasonCode}): ${terms.justification}`;
}

/** What an approved closure was decided on: its terms, and the evidence the break showed then. */
export interface Closure {
  readonly terms: ResolutionTerms;
  readonly evidenceEventIds: readonly string[];
}

/** The break as the reconciler sees it again. */
export interface BreakSeenAgain {
  readonly figures: BreakFigures;
  readonly evidenceEventIds: readonly string[];
  /** The instant it is judged at (the run's as-of, the clock sweep's now). */
  readonly at: string;
}

/**
 * Why a closed break seen again by the reconciler reopens, or undefined while the approved outcome
 * still covers it:
 * - accept-difference: past `until`, or a difference beyond the accepted amount;
 * - write-off: the difference net of the adjustment beyond the break's tolerance (0 when it has none);
 * - ignore-instrument: never (the reconciler stops raising the ISIN; a raise is stale);
 * - fixed-at-source: seen on evidence the closure was not decided on.
 */
export function reopenReason(closure: Closure, seen: BreakSeenAgain): string | undefined {
  const { terms } = closure;
  switch (terms.outcome) {
    case 'accept-difference': {
      if (seen.at.slice(0, 10) > terms.until!) return `acceptance expired ${terms.until}`;
      const measure = measureOf(seen.figures);
      if (measure && abs(measure.units) > guard.shares(terms.amount!, 'amount')) {
        return `${measure.name} ${formatShares(abs(measure.units))} exceeds accepted ${terms.amount}`;
      }
      return undefined;
    }
    case 'write-off': {
      const measure = measureOf(seen.figures);
      if (!measure) return undefined;
      const remaining = measure.units - guard.shares(terms.amount!, 'amount');
      const tolerance = seen.figures.tolerance === undefined ? 0n : guard.shares(seen.figures.tolerance, 'figures.tolerance');
      if (abs(remaining) <= tolerance) return undefined;
      return `${measure.name} ${formatShares(measure.units)} net of written-off ${terms.amount} leaves ${formatShares(remaining)}, beyond tolerance ${formatShares(tolerance)}`;
    }
    case 'ignore-instrument':
      return undefined;
    case 'fixed-at-source': {
      const closedOn = new Set(closure.evidenceEventIds);
      const newer = seen.evidenceEventIds.filter((id) => !closedOn.has(id));
      return newer.length ? `seen again on evidence ${newer.join(', ')}` : undefined;
    }
  }
}
