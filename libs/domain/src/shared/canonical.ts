/**
 * JSON with object keys sorted, so two values with the same content give the same text whatever
 * order their keys were written in (events read back from a store, or built by another code path).
 * Used to tell a redelivered command (no event) from a conflicting one (refused or flagged).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Same content, ignoring the listed keys at the top level (typically the `*At` of when it was recorded). */
export function sameContent<T extends object>(a: T, b: T, ignoring: readonly (keyof T)[] = []): boolean {
  const strip = (value: T) => Object.fromEntries(Object.entries(value).filter(([key]) => !ignoring.includes(key as keyof T)));
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}
