import { parseStatement, StatementParseError } from '@recon/statements';
import { parseProblem, ProblemSource, StatementRefusedError } from './statement-problem';
import { TransactionsSource } from './transactions-ingestion';

/** A statement file as it arrived: its name (named in every error and recorded as the source document) and its bytes. */
export interface StatementFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Parses a statement file, its format recognised from the content: a statement of holdings (MT535,
 * semt.002, CSV) or of transactions (MT536), whose postings become custody movements.
 */
export function readStatement(file: StatementFile): ProblemSource | TransactionsSource {
  let statement;
  try {
    statement = parseStatement(file.bytes, { fileName: file.name });
  } catch (error) {
    if (error instanceof StatementParseError) throw new StatementRefusedError(file.name, [parseProblem(error)]);
    throw error;
  }
  const text = new TextDecoder('utf-8').decode(file.bytes);
  if (statement.kind === 'TRANSACTIONS') return { file: file.name, text, statement };
  return { file: file.name, text, format: statement.format, statement };
}
