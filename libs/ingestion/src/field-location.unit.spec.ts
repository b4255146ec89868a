import { readFileSync } from 'node:fs';
import path from 'node:path';
import { locateField } from './field-location';

const fixture = (name: string): string => readFileSync(path.resolve(__dirname, '../../statements/fixtures', name), 'utf8');
const lineWith = (text: string, content: string, after = ''): number => {
  const lines = text.split('\n');
  const from = lines.findIndex((line) => line.includes(after));
  return lines.findIndex((line, index) => index >= from && line.includes(content)) + 1;
};

describe('Locating a field the domain refused', () => {
  describe('Given an MT535 statement', () => {
    const mt535 = fixture('mt535/equities-multipage-p1.txt').replace(/\r/g, '');
    it('then a position field is the line of its tag within the instrument\'s block', () =>
      expect(locateField(mt535, 'MT535', { field: 'notAvailable', instrument: { isin: 'US88160R1014' } })).toEqual({ line: lineWith(mt535, ':93B::NAVL'), field: '93B::NAVL (not available balance)' }));
    it('then a position of a sub-safekeeping account is looked for in that account\'s block', () =>
      expect(locateField(mt535, 'MT535', { field: 'aggregate', instrument: { isin: 'CH0038863350' }, subAccount: 'SAFE-2000-LEND' }).line).toBe(lineWith(mt535, ':93B::AGGR//UNIT/N75,25')));
    it('then a header field is its line in GENL', () => expect(locateField(mt535, 'MT535', { field: 'basis' })).toEqual({ line: lineWith(mt535, ':22F::STBA'), field: '22F::STBA (statement basis)' }));
    it('then a field the block lacks falls back to the instrument\'s line', () =>
      expect(locateField(mt535, 'MT535', { field: 'available', instrument: { isin: 'US0378331005' } }).line).toBe(lineWith(mt535, 'ISIN US0378331005')));
  });

  describe('Given a semt.002 report', () => {
    const xml = fixture('semt002/equities-v10.xml');
    it('then a balance of the account itself is counted among BalForAcct', () =>
      expect(locateField(xml, 'SEMT002', { field: 'aggregate', instrument: { isin: 'IE00B5BMR087' } })).toEqual({
        line: lineWith(xml, '<AggtBal>', 'IE00B5BMR087'), xpath: '/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal', field: 'AggtBal (aggregate balance)',
      }));
    it('then a balance of a sub-account is counted within its SubAcctDtls', () =>
      expect(locateField(xml, 'SEMT002', { field: 'available', instrument: { isin: 'US5949181045' }, subAccount: 'SAFE-1000-TRD' }).xpath).toBe(
        '/Document/SctiesBalCtdyRpt/SubAcctDtls[1]/BalForSubAcct[1]/AvlblBal',
      ));
  });

  describe('Given a CSV export', () => {
    const csv = fixture('csv/standard-header.csv');
    it('then a position field is the row of the instrument and the column of the field', () =>
      expect(locateField(csv, 'CSV', { field: 'aggregate', instrument: { isin: 'IE00B5BMR087' } })).toEqual({ line: 3, field: 'aggregate (column "aggregate")' }));
    it('then a statement field is the first row', () => expect(locateField(csv, 'CSV', { field: 'basis' }).line).toBe(2));
  });
});
