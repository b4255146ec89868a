import { parseSettlementMessage, parseStatementAsync, StatementParseError } from '@recon/statements';
import { SettlementSource } from './settlement-ingestion';
import { parseProblem, ProblemSource, StatementRefusedError } from './statement-problem';
import { TransactionsSource } from './transactions-ingestion';

/** A statement file as it arrived: its name (named in every error and recorded as the source document) and its bytes. */
export interface StatementFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Parses a statement file, its format recognised from the content: a statement of holdings (MT535,
 * semt.002, CSV) or of transactions (MT536), whose postings become custody movements, or a
 * settlement confirmation or status advice (MT544 to MT548) about one trade. `custodian`
 * (a BIC) stands in for the sender only when the file names none. A refused file lists every
 * problem the parser found (up to its limit of 100), each with its line and field. The parse yields
 * to the event loop as it goes, so a large upload does not hold the server's other requests.
 */
export async function readStatement(file: StatementFile, custodian?: string): Promise<ProblemSource | TransactionsSource | SettlementSource> {
  let statement;
  try {
    const options = { fileName: file.name, ...(custodian === undefined ? {} : { custodian }) };
    // A settlement confirmation or status advice (MT544 to MT548) is one short message: read at once.
    const settlement = parseSettlementMessage(file.bytes, options);
    if (settlement) return { file: file.name, statement: settlement };
    statement = await parseStatementAsync(file.bytes, options);
  } catch (error) {
    if (error instanceof StatementParseError) throw new StatementRefusedError(file.name, error.problems.map(parseProblem), error.truncated);
    throw error;
  }
  const text = new TextDecoder('utf-8').decode(file.bytes);
  if (statement.kind === 'TRANSACTIONS') return { file: file.name, text, statement };
  return { file: file.name, text, format: statement.format, statement };
}
