import { DAY_MS, instantMs } from '../matching/time';

export const AGE_BUCKETS = ['0-1d', '2-7d', '8-30d', '>30d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/**
 * The age bucket a queue sorts by, counting WHOLE days elapsed (as people say "one day old" until the
 * second day is over): '0-1d' below 2 days, '2-7d' from 2 days to below 8, '8-30d' from 8 to below
 * 31, '>30d' from 31 whole days on. A `now` before `raisedAt` (clocks of two writers) counts as new.
 */
export function ageBucket(raisedAt: string, now: string): AgeBucket {
  const days = Math.floor((instantMs(now, 'now') - instantMs(raisedAt, 'raisedAt')) / DAY_MS);
  if (days < 2) return '0-1d';
  if (days < 8) return '2-7d';
  if (days < 31) return '8-30d';
  return '>30d';
}
