import { detectFormat } from './detect-format';
import { fixture, fixtureText } from './testing/fixtures';

describe('Format detection from content', () => {
  describe.each([
    ['mt535/equities-single-page.txt', 'MT535'],
    ['mt535/equities-single-page.crlf.txt', 'MT535'],
    ['mt535/cancel-duplicate.txt', 'MT535'],
    ['mt535/prowide-bonds-subbal.txt', 'MT535'],
    ['mt536/transactions.txt', 'MT536'],
    ['semt002/equities-v10.xml', 'SEMT002'],
    ['semt002/equities-v11.xml', 'SEMT002'],
    ['csv/standard-header.csv', 'CSV'],
    ['csv/portal-export-semicolon.csv', 'CSV'],
  ])('Given %s', (name, format) => {
    it(`then bytes and text are both recognised as ${format}`, () => {
      expect(detectFormat(fixture(name))).toBe(format);
      expect(detectFormat(fixtureText(name))).toBe(format);
    });
  });

  describe('Given a bare text block without the FIN envelope', () => {
    const body = (name: string) => fixtureText(name).slice(fixtureText(name).indexOf(':16R:GENL'));

    it('then sequence A tells MT535 from MT536', () => {
      expect(detectFormat(body('mt535/equities-single-page.txt'))).toBe('MT535');
      expect(detectFormat(body('mt536/transactions.txt'))).toBe('MT536');
    });
  });

  describe.each([
    ['XML of another message', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"/>'],
    ['plain prose without a delimited first line', 'Dear customer\nplease find attached'],
    ['an empty file', ''],
  ])('Given %s', (_case, content) => {
    it('then no format is claimed', () => {
      expect(detectFormat(content)).toBeUndefined();
    });
  });
});
