import { Fail } from '../values/decimal';
import { calendarDate, clockTime } from '../values/calendar';
import { CsvDateFormat } from './csv-mapping';

const DATE_FORMATS: Readonly<Record<CsvDateFormat, { pattern: RegExp; order: readonly [number, number, number] }>> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
  'DD.MM.YYYY': { pattern: /^(\d{2})\.(\d{2})\.(\d{4})$/, order: [3, 2, 1] },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: [1, 2, 3] },
};

export function csvDate(text: string, format: CsvDateFormat, fail: Fail): string {
  const { pattern, order } = DATE_FORMATS[format];
  const match = pattern.exec(text) ?? fail(`is not a date (${format})`);
  return calendarDate(match[order[0]] ?? '', match[order[1]] ?? '', match[order[2]] ?? '', fail);
}

export function csvTime(text: string, fail: Fail): string {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text) ?? fail('is not a time (HH:MM[:SS])');
  return clockTime(match[1] ?? '', match[2] ?? '', match[3] ?? '00', fail);
}

/** Codes as portals write them: the ISO 15022 code or the word, in any case (`SETT`, `Settled`). */
export function csvCode<T extends string>(text: string, codes: Readonly<Record<string, T>>, fail: Fail): T {
  const key = text.toUpperCase();
  return Object.hasOwn(codes, key) ? (codes[key] as T) : fail(`is not one of ${Object.keys(codes).join(', ')}`);
}

export const YES_NO: Readonly<Record<string, 'Y' | 'N'>> = { Y: 'Y', YES: 'Y', TRUE: 'Y', 1: 'Y', N: 'N', NO: 'N', FALSE: 'N', 0: 'N' };
