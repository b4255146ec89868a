/**
 * Canonical JSON for hashing: the same value always gives the same text, whatever the key order
 * it was built or stored with (PostgreSQL `jsonb` reorders keys; EventStoreDB returns what it got).
 *
 * - object keys sorted by UTF-16 code unit (`Array.prototype.sort` default), no whitespace;
 * - `undefined` object members are dropped and `undefined` array items become `null`, like
 *   `JSON.stringify`, and `toJSON()` is honoured (a `Date` becomes its ISO string);
 * - `bigint`, functions, symbols and non-finite numbers are refused: quantities travel as decimal
 *   strings, and a value that JSON cannot carry must not be hashed as if it could.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: the top-level value is not JSON');
  return out;
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not JSON; pass quantities as decimal strings');
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const member = write(record[key]);
        if (member !== undefined) parts.push(`${JSON.stringify(key)}:${member}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${typeof value} is not JSON`);
  }
}
