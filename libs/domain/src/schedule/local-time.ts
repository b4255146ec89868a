import { DomainError } from '../shared/decider';

/**
 * Wall-clock time in an IANA timezone, through `Intl.DateTimeFormat` (a built-in table of zones and
 * their daylight-saving rules, not a clock): the schedule's cut-off is local, the reconciler's
 * instants are UTC. One formatter per zone, kept: building one is the costly part.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The zone's canonical name (`europe/zurich` → `Europe/Zurich`), or a refusal naming the field. */
export function validTimezone(text: string, field: string): string {
  try {
    if (typeof text !== 'string' || text.trim() === '') throw new RangeError('empty');
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    throw new DomainError('INVALID_FIELD', `${field}: not an IANA timezone such as Europe/Zurich (got "${text}")`);
  }
}

/** Local date (YYYY-MM-DD) and time of an instant in the zone, its wall clock read as if it were UTC. */
function wallClockMs(ms: number, timezone: string): number {
  const parts = Object.fromEntries(formatterOf(timezone).formatToParts(ms).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
}

/** The calendar date an instant falls on in the zone. */
export const localDateOf = (ms: number, timezone: string): string => new Date(wallClockMs(ms, timezone)).toISOString().slice(0, 10);

/**
 * The instant of a local date and `HH:MM` in the zone. The zone's offset is read at a first guess and
 * once more at the result, so a cut-off on a daylight-saving change lands on the offset in force then.
 */
export function localInstantMs(date: string, hhmm: string, timezone: string): number {
  const asUtc = Date.parse(`${date}T${hhmm}:00Z`);
  const first = asUtc - (wallClockMs(asUtc, timezone) - asUtc);
  return asUtc - (wallClockMs(first, timezone) - first);
}
