import { HOUR_MS, instantMs } from '../matching/time';
import { Severity } from './break-types';

/**
 * How long the team has to resolve an exception, from when it was raised, in calendar hours: a
 * shortfall does not wait for Monday. A severity raised later (an aged settlement) keeps the
 * original raise time, so escalation brings the due time forward and may make it due at once.
 *
 * | severity | SLA      |
 * |----------|----------|
 * | critical | 4 hours  |
 * | high     | 24 hours |
 * | medium   | 72 hours |
 * | low      | 240 hours (10 days) |
 */
export const SLA_HOURS: Readonly<Record<Severity, number>> = { critical: 4, high: 24, medium: 72, low: 240 };

/** ISO-8601 UTC instant the exception is due by. */
export function slaDueAt(raisedAt: string, severity: Severity): string {
  return new Date(instantMs(raisedAt, 'raisedAt') + SLA_HOURS[severity] * HOUR_MS).toISOString();
}

/** Whether the SLA has run out at `now` (due exactly now counts as not yet breached). */
export const slaBreached = (raisedAt: string, severity: Severity, now: string): boolean =>
  instantMs(now, 'now') > instantMs(slaDueAt(raisedAt, severity), 'dueAt');
