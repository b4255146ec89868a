/** Sort keys compared in order; matching must not depend on the order its inputs arrived in. */
export type SortKey = readonly (string | number)[];

export function orderBy<T>(items: readonly T[], key: (item: T) => SortKey): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map(({ item }) => item);
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a[i]!, b[i]!];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/** The first candidate by key, or undefined. */
export const firstBy = <T>(items: readonly T[], key: (item: T) => SortKey): T | undefined => orderBy(items, key)[0];
