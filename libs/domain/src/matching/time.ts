import { DomainError } from '../shared/decider';
import * as guard from '../shared/guards';

/** A window or grace period. A day is 24 hours: instants are UTC, which has no daylight saving. */
export interface Duration {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function durationMs({ days = 0, hours = 0, minutes = 0 }: Duration, field = 'duration'): number {
  const ms = days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS;
  if (!Number.isFinite(ms) || ms < 0) throw new DomainError('INVALID_DURATION', `${field}: must be a non-negative duration`);
  return ms;
}

/**
 * A pure function's answers for the texts it was last asked about: each reconciliation pass reads the
 * same trade dates and instants again, and validating and parsing them is most of its time. Only
 * valid texts are remembered (an invalid one throws each time, naming its field); at most `limit`
 * entries, forgotten all at once when full.
 */
function remembered<T>(compute: (text: string, field: string) => T, limit = 8192): (text: string, field: string) => T {
  const answers = new Map<string, T>();
  return (text, field) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = compute(text, field);
      if (answers.size >= limit) answers.clear();
      answers.set(text, answer);
    }
    return answer;
  };
}

/** Milliseconds since the epoch of an ISO-8601 instant with an offset; parsing a given text reads no clock. */
export const instantMs = remembered((text, field) => Date.parse(guard.timestamp(text, field)));

/** 00:00 UTC of a business date (trade, settlement and statement dates carry no time of day). */
export const dayStartMs = remembered((date, field) => Date.parse(`${guard.businessDate(date, field)}T00:00:00Z`));

/** The UTC business date an instant falls on. */
export const businessDateOf = remembered((instant, field) => new Date(instantMs(instant, field)).toISOString().slice(0, 10));

export const isoOf = (ms: number): string => new Date(ms).toISOString();
