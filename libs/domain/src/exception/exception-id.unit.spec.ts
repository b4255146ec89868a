import { exceptionIdsFrom } from './exception-id';

/** A digest that records what it was asked to hash and answers with a fixed-width stand-in. */
function recordingDigest() {
  const asked: string[] = [];
  const digest = (text: string) => {
    asked.push(text);
    return Buffer.from(text).toString('hex').padEnd(64, '0').slice(-64);
  };
  return { asked, digest };
}

describe('Exception ids', () => {
  describe('Given a digest port', () => {
    it('should hash the canonical JSON of asset, break type and subject, so a separator inside a part cannot collide with another split', () => {
      const { asked, digest } = recordingDigest();
      const ids = exceptionIdsFrom(digest);
      ids.idFor('a:b', 'supply-mismatch', 'c');
      ids.idFor('a', 'supply-mismatch', 'b:c');
      expect(asked).toEqual(['["a:b","supply-mismatch","c"]', '["a","supply-mismatch","b:c"]']);
    });

    it('should name the break type, then the first 32 hex digits of the digest', () => {
      const ids = exceptionIdsFrom(() => 'ab'.repeat(32));
      expect(ids.idFor('aapl', 'failed-aged-settlement', 'trade:t1')).toBe(`failed-aged-settlement-${'ab'.repeat(16)}`);
    });

    it('should hash a break it has named before only once', () => {
      const { asked, digest } = recordingDigest();
      const ids = exceptionIdsFrom(digest);
      const first = ids.idFor('aapl', 'supply-mismatch', 'chain:1');
      expect(ids.idFor('aapl', 'supply-mismatch', 'chain:1')).toBe(first);
      expect(asked).toHaveLength(1);
    });
  });
});
