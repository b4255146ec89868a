import { bicParts, isValidBic, normalizeBic, sameBic } from './bic';

describe('BIC (ISO 9362)', () => {
  describe('When a BIC is well formed', () => {
    it.each(['CUSTCHZZ', 'CUSTCHZZXXX', 'DEUTDEFF500', 'BNPAFRPP', 'ABCDUS33', 'UBSWCHZH80A'])('should accept %s', (bic) => expect(isValidBic(bic)).toBe(true));
  });

  describe('When a text is not a BIC', () => {
    it.each([
      ['CUSTCHZ', 'seven characters'],
      ['CUSTCHZZXX', 'ten characters'],
      ['CUSTCHZZXXXX', 'twelve characters'],
      ['CU5TCHZZ', 'a digit in the institution code'],
      ['CUSTC1ZZ', 'a digit in the country code'],
      ['CUST-HZZ', 'a punctuation mark'],
      ['custchzz', 'lower case (valid only once normalised)'],
      ['', 'nothing'],
    ])('should refuse %s (%s)', (text) => {
      expect(isValidBic(text)).toBe(false);
    });
    it.each(['CUSTCHZ', 'CU5TCHZZ', 'CUSTCHZZXXXX', ''])('normalises %s to nothing', (text) => expect(normalizeBic(text)).toBeUndefined());
  });

  describe('When a BIC is normalised', () => {
    it('then a head office BIC11 (branch XXX) becomes its BIC8', () => expect(normalizeBic('CUSTCHZZXXX')).toBe('CUSTCHZZ'));
    it('then a BIC8 stays as it is', () => expect(normalizeBic('CUSTCHZZ')).toBe('CUSTCHZZ'));
    it('then a real branch keeps the BIC11', () => expect(normalizeBic('DEUTDEFF500')).toBe('DEUTDEFF500'));
    it('then surrounding blanks and lower case are folded', () => expect(normalizeBic(' custchzzxxx ')).toBe('CUSTCHZZ'));
    it('then its parts are named, without the head office branch', () => {
      expect(bicParts('DEUTDEFF500')).toEqual({ institution: 'DEUT', country: 'DE', location: 'FF', branch: '500' });
      expect(bicParts('CUSTCHZZXXX')).toEqual({ institution: 'CUST', country: 'CH', location: 'ZZ' });
    });
  });

  describe('When two BICs are compared', () => {
    it('then a BIC8 and its BIC11 ending XXX are one party', () => expect(sameBic('CUSTCHZZ', 'CUSTCHZZXXX')).toBe(true));
    it('then two branches of one bank are not', () => expect(sameBic('DEUTDEFF500', 'DEUTDEFF')).toBe(false));
    it('then a text that is no BIC matches nothing, not even itself', () => expect(sameBic('NOTABIC', 'NOTABIC')).toBe(false));
  });
});
