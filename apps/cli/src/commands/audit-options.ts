/** Parsing of the time options the audit commands share; a bad one names the option. */
export function isoTime(text: string, option: string): string {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new Error(`${option} must be an ISO-8601 date or time (got "${text}")`);
  return new Date(ms).toISOString();
}

export function position(text: string, option: string): bigint {
  if (!/^\d+$/.test(text)) throw new Error(`${option} must be a non-negative integer position (got "${text}")`);
  return BigInt(text);
}

/** Today (UTC) as YYYY-MM-DD: the default report day, an input like any other. */
export const today = (): string => new Date().toISOString().slice(0, 10);
