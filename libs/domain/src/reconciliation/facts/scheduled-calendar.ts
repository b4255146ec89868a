import { DAY_MS, dayStartMs, instantMs, isoOf } from '../../matching/time';
import { localDateOf, localInstantMs } from '../../schedule/local-time';
import { MAX_HOLIDAYS, StatementSchedule, WEEKDAYS } from '../../schedule/schedule';
import { StatementCalendar } from './statement-calendar';

/** Days looked back for the latest statement already due: a monthly one behind a run of holidays stays within it. */
const LOOK_BACK_DAYS = 2 * 366 + MAX_HOLIDAYS;

const addDays = (date: string, days: number): string => isoOf(dayStartMs(date, 'date') + days * DAY_MS).slice(0, 10);
const weekdayOf = (date: string) => WEEKDAYS[new Date(dayStartMs(date, 'date')).getUTCDay()];

/**
 * An account's own calendar, from its approved schedule: the statement of business date D is due at
 * the cut-off, local time in the schedule's timezone, on the next business day after D. Weekends and
 * holidays are neither statement dates nor due dates. At `now`, the expected statement is the latest
 * one already due, so one missing since an earlier date is still asked for until a later one is due.
 */
export function scheduledStatementCalendar(schedule: StatementSchedule): StatementCalendar {
  const weekend = new Set<string>(schedule.calendar.weekend);
  const holidays = new Set(schedule.calendar.holidays);
  const isBusinessDay = (date: string) => !weekend.has(weekdayOf(date)) && !holidays.has(date);
  const nextBusinessDay = (date: string): string | undefined => {
    for (let next = addDays(date, 1), step = 0; step <= MAX_HOLIDAYS + 7; next = addDays(next, 1), step += 1) if (isBusinessDay(next)) return next;
    return undefined;
  };
  const isStatementDate = (date: string, next: string): boolean => {
    if (!isBusinessDay(date)) return false;
    if (schedule.frequency === 'WEEKLY') return weekdayOf(date) === schedule.weekday;
    if (schedule.frequency === 'MONTHLY') return next.slice(0, 7) !== date.slice(0, 7);
    return true;
  };
  return {
    expectedFor(_account, now) {
      const nowMs = instantMs(now, 'now');
      for (let date = localDateOf(nowMs, schedule.timezone), step = 0; step < LOOK_BACK_DAYS; date = addDays(date, -1), step += 1) {
        const next = nextBusinessDay(date);
        if (next === undefined || !isStatementDate(date, next)) continue;
        const dueMs = localInstantMs(next, schedule.cutOff, schedule.timezone);
        if (dueMs <= nowMs) return { expectedDate: date, dueAt: isoOf(dueMs) };
      }
      return undefined;
    },
  };
}
