/**
 * CSV exports from bank portals differ per custodian only in names and layout, so one reader takes
 * them all, given a mapping from the custodian's column headers to these fields. The standard header
 * (README.md) names its columns after the fields in snake case.
 */
export const CSV_FIELDS = [
  'custodian',
  'account',
  'subAccount',
  'reference',
  'page',
  'lastPage',
  'asOfDate',
  'asOfTime',
  'basis',
  'completeness',
  'function',
  'isin',
  'description',
  'quantityType',
  'aggregate',
  'available',
  'notAvailable',
  'priceType',
  'priceValueType',
  'price',
  'priceCurrency',
  'value',
  'valueCurrency',
] as const;

export type CsvField = (typeof CSV_FIELDS)[number];

/** Fields that describe the whole statement: every row that carries them must agree. */
export const STATEMENT_FIELDS: readonly CsvField[] = ['custodian', 'account', 'reference', 'page', 'lastPage', 'asOfDate', 'asOfTime', 'basis', 'completeness', 'function'];

export type CsvDateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'YYYYMMDD';

export interface CsvMapping {
  /** The custodian's column header (compared trimmed, ignoring case) → the field or fields it holds (one currency column may serve price and value). */
  readonly columns: Readonly<Record<string, CsvField | readonly CsvField[]>>;
  /** Text for fields the export has no column for, read as if every row held it (e.g. the custodian's BIC, the basis). */
  readonly constants?: Readonly<Partial<Record<CsvField, string>>>;
  readonly delimiter?: ',' | ';' | '\t' | '|';
  readonly decimalSeparator?: '.' | ',';
  readonly dateFormat?: CsvDateFormat;
}

const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export const STANDARD_CSV_HEADER: readonly string[] = CSV_FIELDS.map(snakeCase);

export const STANDARD_CSV_MAPPING: CsvMapping = {
  columns: Object.fromEntries(CSV_FIELDS.map((field) => [snakeCase(field), field])),
};
