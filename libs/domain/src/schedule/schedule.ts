import { Duration, durationMs } from '../matching/time';
import { DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import { validTimezone } from './local-time';

/** In `Date.getUTCDay()` order (Sunday first), which is how the calendar reads a date's weekday. */
export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
/** ISO 8601 week order (Monday first): how a weekend is kept, so SAT, SUN reads as written. */
const ISO_WEEK = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** A year of holidays for a decade is far below this; more is a mistake, and every pass reads the list. */
export const MAX_HOLIDAYS = 1000;

/** The days an account's custodian does not work: weekend days, and listed holiday dates (local dates). */
export interface BusinessCalendar {
  readonly weekend: readonly Weekday[];
  readonly holidays: readonly string[];
}

/**
 * When a custody account's statements are due (see docs/reconciliation.md, "Statement timeliness"):
 * - DAILY: a statement of every business day; WEEKLY: of `weekday` when it is a business day;
 *   MONTHLY: of the month's last business day;
 * - the statement of business date D is due at `cutOff` (local `HH:MM` in `timezone`) on the next
 *   business day after D, and stale once `grace` has passed after that without one dated D or later.
 */
export interface StatementSchedule {
  readonly frequency: Frequency;
  /** WEEKLY only. */
  readonly weekday?: Weekday;
  readonly cutOff: string;
  readonly timezone: string;
  readonly calendar: BusinessCalendar;
  readonly grace: Duration;
}

const CUT_OFF = /^([01]\d|2[0-3]):[0-5]\d$/;
const invalid = (field: string, why: string): never => {
  throw new DomainError('INVALID_FIELD', `${field}: ${why}`);
};

function weekdayOf(text: string, field: string): Weekday {
  return (WEEKDAYS as readonly string[]).includes(text) ? (text as Weekday) : invalid(field, `must be one of ${WEEKDAYS.join(', ')} (got "${text}")`);
}

function validCalendar(calendar: BusinessCalendar | undefined): BusinessCalendar {
  if (!calendar || !Array.isArray(calendar.weekend) || !Array.isArray(calendar.holidays)) return invalid('calendar', 'must list weekend days and holidays');
  const weekend = [...new Set(calendar.weekend.map((day, i) => weekdayOf(day, `calendar.weekend[${i}]`)))];
  if (weekend.length === WEEKDAYS.length) invalid('calendar.weekend', 'leaves no business day in the week');
  if (calendar.holidays.length > MAX_HOLIDAYS) invalid('calendar.holidays', `at most ${MAX_HOLIDAYS} dates`);
  const holidays = [...new Set(calendar.holidays.map((date, i) => {
    try {
      return guard.businessDate(date, `calendar.holidays[${i}]`);
    } catch (error) {
      if (error instanceof DomainError) return invalid(`calendar.holidays[${i}]`, `not a calendar date YYYY-MM-DD (got "${date}")`);
      throw error;
    }
  }))].sort();
  return { weekend: ISO_WEEK.filter((day) => weekend.includes(day)), holidays };
}

/** Whole, non-negative days, hours and minutes; at least one of them. */
function validGrace(grace: Duration | undefined): Duration {
  if (!grace || typeof grace !== 'object') return invalid('grace', 'must be a duration such as { "hours": 2 }');
  const parts = (['days', 'hours', 'minutes'] as const).filter((unit) => grace[unit] !== undefined);
  for (const unit of parts) {
    const value = grace[unit];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) invalid(`grace.${unit}`, `must be a whole number of ${unit}, 0 or more (got ${String(value)})`);
  }
  if (parts.length === 0) invalid('grace', 'must name days, hours or minutes');
  durationMs(grace, 'grace');
  return Object.fromEntries(parts.map((unit) => [unit, grace[unit]]));
}

/** The schedule as the domain keeps it, or a refusal naming the first bad field. Holidays sorted, weekend in ISO week order. */
export function validSchedule(input: StatementSchedule): StatementSchedule {
  if (!input || typeof input !== 'object') return invalid('schedule', 'must give frequency, cutOff, timezone, calendar and grace');
  if (!(FREQUENCIES as readonly string[]).includes(input.frequency)) invalid('frequency', `must be one of ${FREQUENCIES.join(', ')} (got "${input.frequency}")`);
  if (typeof input.cutOff !== 'string' || !CUT_OFF.test(input.cutOff)) invalid('cutOff', `must be a local time HH:MM, 00:00 to 23:59 (got "${input.cutOff}")`);
  const timezone = validTimezone(input.timezone, 'timezone');
  const calendar = validCalendar(input.calendar);
  const grace = validGrace(input.grace);
  if (input.frequency !== 'WEEKLY' && input.weekday !== undefined) invalid('weekday', 'only a WEEKLY schedule names one');
  if (input.frequency === 'WEEKLY') {
    const weekday = input.weekday === undefined ? invalid('weekday', 'a WEEKLY schedule names the weekday of its statement') : weekdayOf(input.weekday, 'weekday');
    if (calendar.weekend.includes(weekday)) invalid('weekday', `${weekday} is a weekend day of the calendar`);
    return { frequency: 'WEEKLY', weekday, cutOff: input.cutOff, timezone, calendar, grace };
  }
  return { frequency: input.frequency, cutOff: input.cutOff, timezone, calendar, grace };
}
