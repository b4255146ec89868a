import { StatementParseError } from '../errors';
import { Fail } from '../values/decimal';
import { CSV_FIELDS, CsvField, CsvMapping } from './csv-mapping';
import { CsvRecord } from './read-csv';

/** A value found for a field, with a way to refuse it that names the line and the column. */
export interface CsvCell {
  readonly text: string;
  readonly fail: Fail;
}

const normalizedHeader = (text: string): string => text.trim().toLowerCase();

/** The header row resolved against a mapping: which cell of a row holds which field. */
export class CsvTable {
  private readonly columns = new Map<CsvField, { index: number; header: string }>();

  constructor(
    private readonly fileName: string,
    private readonly mapping: CsvMapping,
    private readonly header: CsvRecord,
  ) {
    const positions = new Map(header.cells.map((cell, index) => [normalizedHeader(cell), index]));
    for (const [column, fields] of Object.entries(mapping.columns)) {
      const index = positions.get(normalizedHeader(column));
      for (const field of typeof fields === 'string' ? [fields] : fields) {
        if (!CSV_FIELDS.includes(field)) throw new Error(`CSV mapping: column "${column}" maps to the unknown field "${field}"`);
        if (index !== undefined && !this.columns.has(field)) this.columns.set(field, { index, header: header.cells[index]?.trim() ?? column });
      }
    }
  }

  failAt(line: number, field: string, value: string): Fail {
    return (reason: string): never => {
      throw new StatementParseError({ fileName: this.fileName, line }, { field, value, reason });
    };
  }

  /** The field's text in a row (or the mapping's constant); empty cells count as absent. */
  cell(row: CsvRecord, field: CsvField): CsvCell | undefined {
    const column = this.columns.get(field);
    if (column) {
      const text = row.cells[column.index]?.trim() ?? '';
      if (text !== '') return { text, fail: this.failAt(row.line, `${field} (column "${column.header}")`, text) };
      return undefined;
    }
    return this.constant(field);
  }

  /** The mapping's constant for a field the export has no column for. */
  constant(field: CsvField): CsvCell | undefined {
    if (this.columns.has(field)) return undefined;
    const constant = this.mapping.constants?.[field];
    return constant === undefined ? undefined : { text: constant, fail: this.failAt(this.header.line, `${field} (mapping constant)`, constant) };
  }

  checkWidth(row: CsvRecord): void {
    if (row.cells.length !== this.header.cells.length) {
      throw new StatementParseError(
        { fileName: this.fileName, line: row.line },
        { field: 'row', reason: `has ${row.cells.length} cells where the header on line ${this.header.line} has ${this.header.cells.length}` },
      );
    }
  }

  missing(field: CsvField, line: number): never {
    throw new StatementParseError({ fileName: this.fileName, line }, { field, reason: 'is missing: no column holds it and the mapping gives no constant' });
  }
}
