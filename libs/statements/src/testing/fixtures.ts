import { readFileSync } from 'fs';
import * as path from 'path';
import { CsvMapping } from '../csv/csv-mapping';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** A fixture's bytes, as a file drop would deliver them. */
export const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

export const fixtureText = (name: string): string => fixture(name).toString('utf8');

/** The column mapping of csv/portal-export-semicolon.csv: a German-language portal export. */
export const PORTAL_MAPPING: CsvMapping = {
  delimiter: ';',
  decimalSeparator: ',',
  dateFormat: 'DD.MM.YYYY',
  columns: {
    Stichtag: 'asOfDate',
    Depot: 'account',
    Unterdepot: 'subAccount',
    Auszug: 'reference',
    ISIN: 'isin',
    Bezeichnung: 'description',
    Bestand: 'aggregate',
    Verfügbar: 'available',
    Gesperrt: 'notAvailable',
    Kurs: 'price',
    Währung: ['priceCurrency', 'valueCurrency'],
    Kurswert: 'value',
  },
  constants: { custodian: 'CUSTCHZZ', basis: 'SETT', completeness: 'COMP' },
};

/** Replaces the one line that starts with `prefix`; fails loudly when the fixture does not have it. */
export function withLine(text: string, prefix: string, replacement: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith(prefix));
  if (index === -1) throw new Error(`no line starts with ${prefix}`);
  lines[index] = replacement;
  return lines.join('\n');
}

/** 1-based line number of the first line starting with `prefix`. */
export function lineStarting(text: string, prefix: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(prefix));
  if (index === -1) throw new Error(`no line starts with ${prefix}`);
  return index + 1;
}
