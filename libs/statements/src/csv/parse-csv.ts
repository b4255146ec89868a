import { StatementParseError } from '../errors';
import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { AccountHoldings, HoldingsStatement, Position, Quantity, QuantityType, StatementBasis, StatementCompleteness, StatementFunction } from '../statement';
import { ProblemCollector } from '../problems';
import { BASIS_CODES, continuationOf, keyed, statementDateTimeOf } from '../statement-key';
import { separatedDecimal } from '../values/decimal';
import { canonicalBic, checkedIsin, currencyCode } from '../values/identifiers';
import { CsvField, CsvMapping, STANDARD_CSV_MAPPING } from './csv-mapping';
import { CsvCell, CsvTable } from './csv-table';
import { csvCode, csvDate, csvTime, YES_NO } from './csv-values';
import { CsvRecord, readCsv } from './read-csv';

const BASES: Readonly<Record<string, StatementBasis>> = { SETT: 'SETTLED', SETTLED: 'SETTLED', TRAD: 'TRADED', TRADED: 'TRADED', CONT: 'CONTRACTUAL', CONTRACTUAL: 'CONTRACTUAL' };
const COMPLETENESS: Readonly<Record<string, StatementCompleteness>> = { COMP: 'COMPLETE', COMPLETE: 'COMPLETE', DELT: 'DELTA', DELTA: 'DELTA' };
const FUNCTIONS: Readonly<Record<string, StatementFunction>> = { NEW: 'NEW', NEWM: 'NEW', CANC: 'CANCEL', CANCEL: 'CANCEL' };
/** An export of a custodian's holdings is a custody statement (MT535 22F::STTY//CUST). */
const CUSTODY_STATEMENT = 'CUST';
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
  const problems = new ProblemCollector();
  return problems.run(() => readCsvStatement(input, options, problems));
}

function readCsvStatement(input: Uint8Array | string, options: ParseOptions, problems: ProblemCollector): HoldingsStatement {
  const fileName = fileNameOf(options);
  const mapping = options.csv ?? STANDARD_CSV_MAPPING;
  const [header, ...rows] = readCsv(statementText(input, fileName), mapping.delimiter ?? ',', fileName);
  if (!header) throw new StatementParseError({ fileName, line: 1 }, { field: 'header', reason: 'is missing: the file is empty' });
  const table = new CsvTable(fileName, mapping, header);
  // A row of the wrong width is refused, and its cells are not read: they would be misread by column.
  const fullRows = rows.filter((row) => problems.attempt(() => (table.checkWidth(row), true), false));
  const optional = (field: CsvField): CsvCell | undefined => problems.attempt(() => statementCell(table, fullRows, field));
  const required = (field: CsvField): CsvCell | undefined => problems.attempt(() => optional(field) ?? table.missing(field, header.line));
  const read = <T>(cell: CsvCell | undefined, parse: (cell: CsvCell) => T, fallback: T): T => (cell ? problems.attempt(() => parse(cell), fallback) : fallback);
  const custodianCell = optional('custodian') ?? (options.custodian === undefined ? undefined : { text: options.custodian, fail: table.failAt(header.line, 'custodian (option)', options.custodian) });
  if (!custodianCell) problems.attempt(() => table.missing('custodian', header.line));
  const account = required('account')?.text ?? '';
  const main: Position[] = [];
  const subAccounts = new Map<string, Position[]>();
  for (const row of fullRows) {
    const position = problems.attempt(() => positionOf(table, row, mapping));
    if (!position) continue;
    const subAccount = table.cell(row, 'subAccount')?.text ?? account;
    const positions = subAccount === account ? main : (subAccounts.get(subAccount) ?? []);
    if (subAccount !== account) subAccounts.set(subAccount, positions);
    positions.push(position);
  }
  const page = read(optional('page'), (cell) => Number(/^[1-9]\d{0,4}$/.exec(cell.text)?.[0] ?? cell.fail('is not a page number (1 to 99999)')), 1);
  const lastPage = read(optional('lastPage'), (cell) => csvCode(cell.text, YES_NO, cell.fail) === 'Y', true);
  const date = read(required('asOfDate'), (cell) => csvDate(cell.text, mapping.dateFormat ?? 'YYYY-MM-DD', cell.fail), '');
  const time = read(optional('asOfTime'), (cell) => csvTime(cell.text, cell.fail), undefined);
  const asOf = { date, ...(time === undefined ? {} : { time }) };
  const basis = read(required('basis'), (cell) => csvCode(cell.text, BASES, cell.fail), 'SETTLED');
  const statementFunction = read(optional('function'), (cell) => csvCode(cell.text, FUNCTIONS, cell.fail), 'NEW');
  const reference = required('reference')?.text ?? '';
  const statementHeader = {
    custodian: read(custodianCell, (cell) => canonicalBic(cell.text, cell.fail), ''),
    account,
    reference,
    page,
    lastPage,
    asOf,
    basis,
    completeness: read(required('completeness'), (cell) => csvCode(cell.text, COMPLETENESS, cell.fail), 'COMPLETE'),
    function: statementFunction,
    messageReference: reference,
    linkedReferences: [],
    messageFunction: statementFunction === 'CANCEL' ? ('CANC' as const) : ('NEWM' as const),
    // The CSV header has no link column: a CSV cancellation withdraws the statement of its own reference.
    ...(statementFunction === 'CANCEL' ? { cancels: reference } : {}),
    statementType: CUSTODY_STATEMENT,
    basisCode: BASIS_CODES[basis],
    pageNumber: page,
    continuation: continuationOf(page, lastPage),
  };
  return {
    kind: 'HOLDINGS',
    format: 'CSV',
    ...keyed('HOLDINGS', statementHeader, statementDateTimeOf(asOf)),
    positions: main,
    subAccounts: [...subAccounts].map(([subAccountId, positions]): AccountHoldings => ({ account: subAccountId, positions })),
    totals: {},
  };
}
