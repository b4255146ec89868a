import { BREAK_TYPES } from './break-types';
import { exceptionIdFor } from './exception-id';
import { sha256Hex } from './sha256';

describe('Exception ids', () => {
  describe('When hashing', () => {
    it.each([
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ])('should give the FIPS 180-4 digest of "%s"', (text, digest) => expect(sha256Hex(text)).toBe(digest));
    it('should hash a message spanning two blocks and non-ASCII text', () => {
      expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
      expect(sha256Hex('Zürich')).toBe('4251685e06cab635578c72b1f5f221e9840a05ac4d8f2404be4177aa87f9907d');
    });
  });

  describe('When deriving an exception id', () => {
    it('should give the same id for the same break', () =>
      expect(exceptionIdFor('aapl', 'failed-aged-settlement', 'trade:t1')).toBe(exceptionIdFor('aapl', 'failed-aged-settlement', 'trade:t1')));
    it('should start with the break type and fit the API identifier rule', () => {
      for (const breakType of BREAK_TYPES) {
        const id = exceptionIdFor('a-very-long-asset-identifier-of-sixty-four-characters-0123456789', breakType, 'subject');
        expect(id.startsWith(`${breakType}-`)).toBe(true);
        expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
      }
    });
    it('should differ when any part differs', () => {
      const ids = new Set([
        exceptionIdFor('aapl', 'supply-mismatch', 'chain:1'),
        exceptionIdFor('aapl', 'supply-mismatch', 'chain:8453'),
        exceptionIdFor('cspx', 'supply-mismatch', 'chain:1'),
        exceptionIdFor('aapl', 'unmatched-mint-burn', 'chain:1'),
      ]);
      expect(ids.size).toBe(4);
    });
    it('should not let a separator inside a part collide with another split', () =>
      expect(exceptionIdFor('a:b', 'supply-mismatch', 'c')).not.toBe(exceptionIdFor('a', 'supply-mismatch', 'b:c')));
  });
});
