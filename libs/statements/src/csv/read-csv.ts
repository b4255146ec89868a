import { StatementParseError } from '../errors';

export interface CsvRecord {
  readonly cells: readonly string[];
  /** Line the record starts on (a quoted cell may span lines). */
  readonly line: number;
}

/** RFC 4180 records: quoted cells may hold the delimiter, line breaks and doubled quotes. Blank lines are skipped. */
export function readCsv(text: string, delimiter: string, fileName: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    quoted = false;
  };
  const endRecord = (): void => {
    const blank = cells.length === 0 && cell === '' && !quoted;
    endCell();
    if (!blank) records.push({ cells, line: recordLine });
    cells = [];
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"' && cell === '' && !quoted) {
      const start = line;
      quoted = true;
      for (at++; text[at] !== '"' || text[at + 1] === '"'; at++) {
        if (at >= text.length) throw new StatementParseError({ fileName, line: start }, { field: 'quoted cell', reason: 'is not closed by a quote (the file may be cut short)' });
        if (text[at] === '"') at++;
        else if (text[at] === '\n') line++;
        cell += text[at];
      }
      const next = text[at + 1];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new StatementParseError({ fileName, line }, { field: 'quoted cell', value: cell, reason: 'is followed by text before the delimiter' });
      }
    } else if (char === delimiter) {
      endCell();
    } else if (char === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else if (char !== '\r' || text[at + 1] !== '\n') {
      cell += char;
    }
  }
  endRecord();
  return records;
}
