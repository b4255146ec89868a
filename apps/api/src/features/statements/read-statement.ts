import { parseStatement, StatementParseError } from '@recon/statements';
import { parseProblem, ProblemSource, StatementRefusedError } from './statement-problem';

/** A statement file as it arrived: its name (named in every error and recorded as the source document) and its bytes. */
export interface StatementFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Parses a holdings statement, its format recognised from the content. Statements of transactions
 * (MT536) are read by the parser but not recorded here: their postings would become custody
 * movements, whose ids need the custodian's transaction references, a step of its own.
 */
export function readStatement(file: StatementFile): ProblemSource {
  let statement;
  try {
    statement = parseStatement(file.bytes, { fileName: file.name });
  } catch (error) {
    if (error instanceof StatementParseError) throw new StatementRefusedError(file.name, [parseProblem(error)]);
    throw error;
  }
  const text = new TextDecoder('utf-8').decode(file.bytes);
  if (statement.kind === 'TRANSACTIONS') {
    throw new StatementRefusedError(file.name, [
      { file: file.name, line: 1, field: 'message type', message: 'is a statement of transactions (MT536); only statements of holdings (MT535, semt.002, CSV) are ingested' },
    ]);
  }
  return { file: file.name, text, format: statement.format, statement };
}
