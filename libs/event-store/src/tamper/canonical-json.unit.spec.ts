import { canonicalJson } from './canonical-json';
import { chainHash, GENESIS_HASH, HashedFields } from './hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: null } })).toBe(canonicalJson({ y: { q: null, p: true }, x: 1 }));
  });

  it('drops undefined members, writes undefined array items as null and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], t: new Date('2024-01-02T03:04:05.000Z') })).toBe(
      '{"b":[null,1],"t":"2024-01-02T03:04:05.000Z"}',
    );
  });

  it('escapes strings like JSON', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak \u00e9' })).toBe(JSON.stringify({ 'k"': 'line\nbreak \u00e9' }));
  });

  it('refuses bigint and non-finite numbers', () => {
    expect(() => canonicalJson({ amount: 10n })).toThrow(TypeError);
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('chainHash', () => {
  const base: HashedFields = {
    streamId: 'asset-1',
    streamVersion: 0,
    globalPosition: 1n,
    eventId: 'e1',
    type: 'AssetRegistered',
    schemaVersion: 1,
    data: { symbol: 'ABC', decimals: 18 },
    metadata: { actor: 'u1' },
    recordedAt: '2024-01-01T00:00:00.000Z',
  };

  it('is deterministic and ignores key order in data and metadata', () => {
    const reordered = { ...base, data: { decimals: 18, symbol: 'ABC' } };
    expect(chainHash(GENESIS_HASH, base)).toBe(chainHash(GENESIS_HASH, reordered));
    expect(chainHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<HashedFields>]>([
    ['stream id', { streamId: 'asset-2' }],
    ['stream version', { streamVersion: 1 }],
    ['position', { globalPosition: 2n }],
    ['event id', { eventId: 'e2' }],
    ['type', { type: 'Other' }],
    ['schema version', { schemaVersion: 2 }],
    ['data', { data: { symbol: 'ABD', decimals: 18 } }],
    ['metadata', { metadata: { actor: 'u2' } }],
    ['recorded at', { recordedAt: '2024-01-01T00:00:00.001Z' }],
  ])('changes when the %s changes', (_, change) => {
    expect(chainHash(GENESIS_HASH, { ...base, ...change })).not.toBe(chainHash(GENESIS_HASH, base));
  });

  it('changes with the previous hash', () => {
    expect(chainHash('a'.repeat(64), base)).not.toBe(chainHash(GENESIS_HASH, base));
  });
});
