// Quantities arrive as decimal strings and are shown as such: no JavaScript number ever holds one.

/** Groups the integer part in thousands and keeps every decimal the API sent. */
export function quantity(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text; // a date, instant or reason code figure
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A ratio such as "0.9375" as a percentage with two decimals, by moving the point (no float). */
export function percent(ratio: string | null | undefined): string {
  if (!ratio) return '—';
  const [whole, fraction = ''] = ratio.split('.');
  const digits = `${whole}${fraction.padEnd(4, '0')}`;
  const scaled = digits.slice(0, whole!.length + 2).replace(/^0+(?=\d)/, '');
  return `${scaled}.${fraction.padEnd(4, '0').slice(2, 4)} %`;
}

export type Coverage = 'covered' | 'short' | 'over' | 'unknown';

/** The status colour of an asset: its shares held against the shares required. */
export function coverage(difference: string | null | undefined, ratio: string | null | undefined): Coverage {
  if (difference === null || difference === undefined || ratio === null || ratio === undefined) return 'unknown';
  if (difference.startsWith('-')) return 'short';
  return /^0(\.0*)?$/.test(difference) ? 'covered' : 'over';
}

export const COVERAGE_LABEL: Record<Coverage, string> = { covered: 'fully backed', over: 'over-collateralized', short: 'under-collateralized', unknown: 'no figures' };

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Time left until an SLA falls due, or how long ago it did. */
export function countdown(dueIso: string, now: number): string {
  const ms = Date.parse(dueIso) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const text = minutes >= 60 * 24 ? `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h` : `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
  return ms >= 0 ? `${text} left` : `overdue ${text}`;
}

/** The figures a break is judged by, in the order they are read; the rest follow by name. */
const LEADING_FIGURES = ['required', 'held', 'pending', 'pendingBuy', 'pendingSell', 'difference', 'ratio'];

/**
 * An exception's figures in a stable, meaningful order: the API stores them as JSON, whose key order
 * is not the reconciler's, so the screen orders them itself.
 */
export function orderedFigures(figures: Record<string, string>): Array<[string, string]> {
  const rank = (name: string) => (LEADING_FIGURES.includes(name) ? LEADING_FIGURES.indexOf(name) : LEADING_FIGURES.length);
  return Object.entries(figures).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
