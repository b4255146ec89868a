import { Fail } from './decimal';
import { AsOf } from '../statement';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** A real calendar date from its digits, as YYYY-MM-DD. No Date object: parsing reads no clock or zone. */
export function calendarDate(year: string, month: string, day: string, fail: Fail): string {
  const m = Number(month);
  const d = Number(day);
  const days = m === 2 && isLeap(Number(year)) ? 29 : DAYS_IN_MONTH[m - 1];
  if (days === undefined || d < 1 || d > days) fail('is not a calendar date');
  return `${year}-${month}-${day}`;
}

export function clockTime(hours: string, minutes: string, seconds: string, fail: Fail): string {
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) fail('is not a time of day');
  return `${hours}:${minutes}:${seconds}`;
}

export function utcOffset(sign: string, hours: string, minutes: string, fail: Fail): string {
  if (Number(hours) > 14 || Number(minutes) > 59) fail('is not a UTC offset');
  return `${sign}${hours}:${minutes}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/** xs:date (`2024-06-28`) or xs:dateTime (`2024-06-28T17:30:00+02:00`, fractions dropped). */
export function isoAsOf(text: string, fail: Fail): AsOf {
  const date = ISO_DATE.exec(text);
  if (date) return { date: calendarDate(date[1] ?? '', date[2] ?? '', date[3] ?? '', fail) };
  const stamp = ISO_DATE_TIME.exec(text);
  if (!stamp) return fail('is not an ISO 8601 date or date-time');
  const [, year = '', month = '', day = '', hh = '', mm = '', ss = '', zone, sign = '', zh = '', zm = ''] = stamp;
  const offset = zone === undefined ? undefined : zone === 'Z' ? '+00:00' : utcOffset(sign, zh, zm, fail);
  return {
    date: calendarDate(year, month, day, fail),
    time: clockTime(hh, mm, ss, fail),
    ...(offset === undefined ? {} : { utcOffset: offset }),
  };
}
