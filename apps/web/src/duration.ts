import type { Duration } from './types';

const UNITS: Array<[keyof Duration, string]> = [['days', 'd'], ['hours', 'h'], ['minutes', 'm']];

/** "2d 4h", "30m", "0m" for nothing: how a policy's windows are shown and typed. */
export function formatDuration(duration: Duration | null | undefined): string {
  if (!duration) return '—';
  const parts = UNITS.filter(([unit]) => (duration[unit] ?? 0) > 0).map(([unit, suffix]) => `${duration[unit]}${suffix}`);
  return parts.length ? parts.join(' ') : '0m';
}

/** Reads "2d 4h 30m" (any subset, each unit once, in that order); null when it is not such a text. */
export function parseDuration(text: string): Duration | null {
  const match = /^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*$/.exec(text);
  if (!match || !(match[1] || match[2] || match[3])) return null;
  const duration: { days?: number; hours?: number; minutes?: number } = {};
  if (match[1]) duration.days = Number(match[1]);
  if (match[2]) duration.hours = Number(match[2]);
  if (match[3]) duration.minutes = Number(match[3]);
  return duration;
}
