import { isValidIsin } from './isin';

describe('ISIN check digit', () => {
  describe('When the ISIN is real', () => {
    it.each(['US0378331005', 'IE00B5BMR087', 'US5949181045', 'CH0012032048', 'GB0002634946'])('should accept %s', (isin) => expect(isValidIsin(isin)).toBe(true));
  });
  describe('When the ISIN is malformed', () => {
    it.each([
      ['US0378331006', 'a wrong check digit'],
      ['US0387331005', 'two transposed digits'],
      ['us0378331005', 'lower case'],
      ['US037833100', 'too short'],
      ['US03783310055', 'too long'],
      ['120378331005', 'no country letters'],
    ])('should refuse %s (%s)', (isin) => expect(isValidIsin(isin)).toBe(false));
  });
});
