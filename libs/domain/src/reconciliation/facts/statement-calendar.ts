import { AccountRef } from '../../matching/settlement-matching';
import { DAY_MS, dayStartMs, HOUR_MS, instantMs, isoOf } from '../../matching/time';
import { DomainError } from '../../shared/decider';

/** When an account's statements are due: the one whose due time has passed most recently, at `now`. */
export interface StatementCalendar {
  expectedFor(account: AccountRef, now: string): { expectedDate: string; dueAt: string } | undefined;
}

const isWeekday = (dayMs: number) => ![0, 6].includes(new Date(dayMs).getUTCDay());

/**
 * A statement per weekday, due the next weekday at `dueHourUtc`:00 UTC (Friday's on Monday). At
 * `now`, the expected one is the latest already due, so a statement missing since yesterday is
 * still asked for before today's is due.
 */
export function dailyStatementCalendar(dueHourUtc: number): StatementCalendar {
  if (!Number.isInteger(dueHourUtc) || dueHourUtc < 0 || dueHourUtc > 23) throw new DomainError('INVALID_FIELD', `dueHourUtc: must be an hour 0-23 (got ${dueHourUtc})`);
  return {
    expectedFor(_account, now) {
      const nowMs = instantMs(now, 'now');
      let dueDayMs = dayStartMs(isoOf(nowMs).slice(0, 10), 'now');
      while (!isWeekday(dueDayMs) || dueDayMs + dueHourUtc * HOUR_MS > nowMs) dueDayMs -= DAY_MS;
      let statementDayMs = dueDayMs - DAY_MS;
      while (!isWeekday(statementDayMs)) statementDayMs -= DAY_MS;
      return { expectedDate: isoOf(statementDayMs).slice(0, 10), dueAt: isoOf(dueDayMs + dueHourUtc * HOUR_MS) };
    },
  };
}
