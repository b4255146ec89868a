import { StatementParseError } from '../errors';
import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { AccountHoldings, HoldingsStatement, Position, Quantity, QuantityType, StatementBasis, StatementCompleteness, StatementFunction } from '../statement';
import { separatedDecimal } from '../values/decimal';
import { canonicalBic, checkedIsin, currencyCode } from '../values/identifiers';
import { CsvField, CsvMapping, STANDARD_CSV_MAPPING } from './csv-mapping';
import { CsvCell, CsvTable } from './csv-table';
import { csvCode, csvDate, csvTime, YES_NO } from './csv-values';
import { CsvRecord, readCsv } from './read-csv';

const BASES: Readonly<Record<string, StatementBasis>> = { SETT: 'SETTLED', SETTLED: 'SETTLED', TRAD: 'TRADED', TRADED: 'TRADED', CONT: 'CONTRACTUAL', CONTRACTUAL: 'CONTRACTUAL' };
const COMPLETENESS: Readonly<Record<string, StatementCompleteness>> = { COMP: 'COMPLETE', COMPLETE: 'COMPLETE', DELT: 'DELTA', DELTA: 'DELTA' };
const FUNCTIONS: Readonly<Record<string, StatementFunction>> = { NEW: 'NEW', NEWM: 'NEW', CANC: 'CANCEL', CANCEL: 'CANCEL' };
const QUANTITY_TYPES: Readonly<Record<string, QuantityType>> = { UNIT: 'UNIT', FAMT: 'FAMT', AMOR: 'AMOR', DITU: 'DITU' };

/** A statement field from the rows that carry it; one file is one statement, so the rows must agree. */
function statementCell(table: CsvTable, rows: readonly CsvRecord[], field: CsvField): CsvCell | undefined {
  let first: { cell: CsvCell; line: number } | undefined;
  for (const row of rows) {
    const cell = table.cell(row, field);
    if (cell && first && cell.text !== first.cell.text) cell.fail(`differs from "${first.cell.text}" on line ${first.line}: one file holds one statement`);
    if (cell && !first) first = { cell, line: row.line };
  }
  return first?.cell ?? table.constant(field);
}

function positionOf(table: CsvTable, row: CsvRecord, mapping: CsvMapping): Position {
  const cell = (field: CsvField) => table.cell(row, field);
  const decimal = (field: CsvField, what: string) => {
    const found = cell(field);
    return found && separatedDecimal(found.text, found.fail, mapping.decimalSeparator ?? '.', what);
  };
  const typeCell = cell('quantityType');
  const type = typeCell ? csvCode(typeCell.text, QUANTITY_TYPES, typeCell.fail) : 'UNIT';
  const quantity = (field: CsvField): Quantity | undefined => {
    const units = decimal(field, 'decimal quantity');
    return units === undefined ? undefined : { type, units };
  };
  const isin = cell('isin') ?? table.missing('isin', row.line);
  const price = decimal('price', 'decimal price');
  const priceCurrency = cell('priceCurrency');
  const value = decimal('value', 'decimal amount');
  const valueCurrency = cell('valueCurrency');
  if (value !== undefined && !valueCurrency) table.missing('valueCurrency', row.line);
  return {
    instrument: { isin: checkedIsin(isin.text, isin.fail), description: cell('description')?.text },
    aggregate: quantity('aggregate') ?? table.missing('aggregate', row.line),
    available: quantity('available'),
    notAvailable: quantity('notAvailable'),
    price:
      price === undefined
        ? undefined
        : {
            type: cell('priceType')?.text ?? 'MRKT',
            valueType: cell('priceValueType')?.text ?? (priceCurrency ? 'ACTU' : 'PRCT'),
            units: price,
            currency: priceCurrency && currencyCode(priceCurrency.text, priceCurrency.fail),
          },
    value: value === undefined || !valueCurrency ? undefined : { currency: currencyCode(valueCurrency.text, valueCurrency.fail), units: value },
    subBalances: [],
  };
}

/** A custodian's CSV export (header row, then one row per position), read through its column mapping. */
export function parseCsvStatement(input: Uint8Array | string, options: ParseOptions = {}): HoldingsStatement {
  const fileName = fileNameOf(options);
  const mapping = options.csv ?? STANDARD_CSV_MAPPING;
  const [header, ...rows] = readCsv(statementText(input, fileName), mapping.delimiter ?? ',', fileName);
  if (!header) throw new StatementParseError({ fileName, line: 1 }, { field: 'header', reason: 'is missing: the file is empty' });
  const table = new CsvTable(fileName, mapping, header);
  rows.forEach((row) => table.checkWidth(row));
  const optional = (field: CsvField): CsvCell | undefined => statementCell(table, rows, field);
  const required = (field: CsvField): CsvCell => optional(field) ?? table.missing(field, header.line);
  const custodian = optional('custodian') ?? (options.custodian === undefined ? undefined : { text: options.custodian, fail: table.failAt(header.line, 'custodian (option)', options.custodian) });
  const account = required('account').text;
  const main: Position[] = [];
  const subAccounts = new Map<string, Position[]>();
  for (const row of rows) {
    const subAccount = table.cell(row, 'subAccount')?.text ?? account;
    const positions = subAccount === account ? main : (subAccounts.get(subAccount) ?? []);
    if (subAccount !== account) subAccounts.set(subAccount, positions);
    positions.push(positionOf(table, row, mapping));
  }
  const page = optional('page');
  const lastPage = optional('lastPage');
  const asOfDate = required('asOfDate');
  const asOfTime = optional('asOfTime');
  const basis = required('basis');
  const completeness = required('completeness');
  const statementFunction = optional('function');
  return {
    kind: 'HOLDINGS',
    format: 'CSV',
    custodian: custodian ? canonicalBic(custodian.text, custodian.fail) : table.missing('custodian', header.line),
    account,
    reference: required('reference').text,
    page: page ? Number(/^[1-9]\d{0,4}$/.exec(page.text)?.[0] ?? page.fail('is not a page number (1 to 99999)')) : 1,
    lastPage: lastPage ? csvCode(lastPage.text, YES_NO, lastPage.fail) === 'Y' : true,
    asOf: {
      date: csvDate(asOfDate.text, mapping.dateFormat ?? 'YYYY-MM-DD', asOfDate.fail),
      ...(asOfTime ? { time: csvTime(asOfTime.text, asOfTime.fail) } : {}),
    },
    basis: csvCode(basis.text, BASES, basis.fail),
    completeness: csvCode(completeness.text, COMPLETENESS, completeness.fail),
    function: statementFunction ? csvCode(statementFunction.text, FUNCTIONS, statementFunction.fail) : 'NEW',
    positions: main,
    subAccounts: [...subAccounts].map(([subAccountId, positions]): AccountHoldings => ({ account: subAccountId, positions })),
    totals: {},
  };
}
