import { parseMt535 } from '../mt535/parse-mt535';
import { Position } from '../statement';
import { fixture, fixtureText, PORTAL_MAPPING } from '../testing/fixtures';
import { parseErrorOf } from '../testing/expect-parse-error';
import { STANDARD_CSV_HEADER } from './csv-mapping';
import { parseCsvStatement } from './parse-csv';

const STANDARD = fixtureText('csv/standard-header.csv');
const refuse = (csv: string, options = {}) => parseErrorOf(() => parseCsvStatement(csv, { fileName: 'holdings.csv', ...options }));
/** What CSV exports carry: no sub-balances, descriptions in the portal's own words. */
const balancesOf = (positions: readonly Position[]) => positions.map(({ instrument, aggregate, available, notAvailable, price, value }) => ({ isin: instrument.isin, aggregate, available, notAvailable, price, value }));

describe('CSV statement exports', () => {
  const mt535 = parseMt535(fixture('mt535/equities-single-page.txt'));

  describe('Given an export with the standard header', () => {
    describe('When it is parsed', () => {
      const statement = parseCsvStatement(fixture('csv/standard-header.csv'), { fileName: 'holdings.csv' });

      it('then it reads the same statement as the MT535 with these holdings', () => {
        const { positions: _p, subAccounts: _s, totals: _t, format: _f, frequency: _q, senderBic: _b, ...mtHeader } = mt535;
        expect(statement).toMatchObject({ ...mtHeader, format: 'CSV' });
        expect(balancesOf(statement.positions)).toEqual(balancesOf(mt535.positions));
        expect(statement.subAccounts.map((sub) => [sub.account, balancesOf(sub.positions)])).toEqual(mt535.subAccounts.map((sub) => [sub.account, balancesOf(sub.positions)]));
      });

      it('then quoted cells keep their commas', () => {
        expect(statement.positions[1]?.instrument.description).toBe('ISHARES CORE S&P 500 UCITS ETF, ACC');
      });
    });

    it('then the documented header is exactly the first line of the sample', () => {
      expect(STANDARD.split('\n')[0]).toBe(STANDARD_CSV_HEADER.join(','));
    });
  });

  describe('Given a portal export with its own columns, semicolons, decimal commas and CRLF', () => {
    describe('When it is parsed with that custodian mapping', () => {
      const statement = parseCsvStatement(fixture('csv/portal-export-semicolon.csv'), { csv: PORTAL_MAPPING });

      it('then the mapping and constants fill the statement, and one currency column serves price and value', () => {
        expect(statement).toMatchObject({ custodian: 'CUSTCHZZ', account: 'SAFE-1000', reference: 'HOLD20240628', asOf: { date: '2024-06-28' }, basis: 'SETTLED' });
        expect(balancesOf(statement.positions)).toEqual(balancesOf(mt535.positions));
        expect(statement.positions[1]?.instrument.description).toBe('iShares Core S&P 500; thesaurierend');
      });
    });
  });

  describe('Given a quantity that is not a decimal', () => {
    it('then the error names the line and the custodian column', () => {
      const csv = STANDARD.replace(',1234.5,', ',12a4.5,');
      expect(refuse(csv).message).toBe('holdings.csv:2 field aggregate (column "aggregate"): "12a4.5" is not a decimal quantity');
      const portal = fixtureText('csv/portal-export-semicolon.csv').replace(';800,25;', ';800.25;');
      expect(refuse(portal, { csv: PORTAL_MAPPING }).message).toBe('holdings.csv:3 field aggregate (column "Bestand"): "800.25" is not a decimal quantity');
    });
  });

  describe('Given rows that disagree on a statement field', () => {
    it('then the statement is refused at the first disagreeing row', () => {
      const lines = STANDARD.split('\n');
      lines[3] = (lines[3] ?? '').replace('HOLD20240628', 'HOLD20240629');
      expect(refuse(lines.join('\n'))).toMatchObject({ line: 4, field: 'reference (column "reference")', reason: 'differs from "HOLD20240628" on line 2: one file holds one statement' });
    });
  });

  describe('Given a mapping that leaves a required field without a column or constant', () => {
    it('then the missing field is named at the header', () => {
      const { basis: _basis, ...constants } = PORTAL_MAPPING.constants ?? {};
      expect(refuse(fixtureText('csv/portal-export-semicolon.csv'), { csv: { ...PORTAL_MAPPING, constants } })).toMatchObject({ line: 1, field: 'basis' });
    });
  });

  describe.each([
    ['a row with a missing cell', (csv: string) => csv.replace(',APPLE INC,', ','), 2, 'row'],
    ['a quoted cell never closed', (csv: string) => csv.replace('"ISHARES', '"ISHARES"X'), 3, 'quoted cell'],
    ['an invalid ISIN', (csv: string) => csv.replace('US5949181045', 'US5949181046'), 4, 'isin (column "isin")'],
    ['a date that is not on the calendar', (csv: string) => csv.replaceAll('2024-06-28', '2024-02-30'), 2, 'asOfDate (column "as_of_date")'],
    ['a value without its currency', (csv: string) => csv.replace(',264553.35,USD', ',264553.35,'), 2, 'valueCurrency'],
  ])('Given %s', (_case, damage, line, field) => {
    it('then it is refused at that line and field', () => {
      expect(refuse(damage(STANDARD))).toMatchObject({ line, field });
    });
  });
});
