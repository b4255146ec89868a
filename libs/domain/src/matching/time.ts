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

/** Milliseconds since the epoch of an ISO-8601 instant with an offset; parsing a given text reads no clock. */
export const instantMs = (text: string, field: string): number => Date.parse(guard.timestamp(text, field));

/** 00:00 UTC of a business date (trade, settlement and statement dates carry no time of day). */
export const dayStartMs = (date: string, field: string): number => Date.parse(`${guard.businessDate(date, field)}T00:00:00Z`);

/** The UTC business date an instant falls on. */
export const businessDateOf = (instant: string, field: string): string => new Date(instantMs(instant, field)).toISOString().slice(0, 10);

export const isoOf = (ms: number): string => new Date(ms).toISOString();
