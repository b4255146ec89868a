import { BREAK_TYPES } from '@recon/domain';
import { EXCEPTION_IDS, sha256Hex } from './exception-ids';

describe('Exception ids on the platform digest', () => {
  describe('When hashing', () => {
    it.each([
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['Zürich', '4251685e06cab635578c72b1f5f221e9840a05ac4d8f2404be4177aa87f9907d'],
    ])('should give the FIPS 180-4 digest of the UTF-8 text "%s"', (text, digest) => expect(sha256Hex(text)).toBe(digest));
  });

  describe('When naming a break', () => {
    // Ids of exceptions already in stores: computed before hashing moved out of the domain, they must not change.
    it.each([
      ['aapl', 'under-collateralized', 'collateral', 'under-collateralized-ebf090a99d77cb65c1209631e4e9c1ab'],
    ] as const)('should keep the id of %s %s %s', (assetId, breakType, subject, id) => expect(EXCEPTION_IDS.idFor(assetId, breakType, subject)).toBe(id));

    it('should give the same id for the same break, and another when any part differs', () => {
      expect(EXCEPTION_IDS.idFor('aapl', 'failed-aged-settlement', 'trade:t1')).toBe(EXCEPTION_IDS.idFor('aapl', 'failed-aged-settlement', 'trade:t1'));
      const ids = new Set([
        EXCEPTION_IDS.idFor('aapl', 'supply-mismatch', 'chain:1'),
        EXCEPTION_IDS.idFor('aapl', 'supply-mismatch', 'chain:2'),
        EXCEPTION_IDS.idFor('msft', 'supply-mismatch', 'chain:1'),
        EXCEPTION_IDS.idFor('aapl', 'unmatched-mint-burn', 'chain:1'),
      ]);
      expect(ids.size).toBe(4);
    });

    it('should start with the break type and fit the API identifier rule', () => {
      for (const breakType of BREAK_TYPES) {
        const id = EXCEPTION_IDS.idFor('a-very-long-asset-identifier-of-sixty-four-characters-0123456789', breakType, 'subject');
        expect(id.startsWith(`${breakType}-`)).toBe(true);
        expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
      }
    });
  });
});
