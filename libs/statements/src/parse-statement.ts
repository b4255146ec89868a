import { parseCsvStatement } from './csv/parse-csv';
import { detectFormat } from './detect-format';
import { StatementParseError } from './errors';
import { parseMt535 } from './mt535/parse-mt535';
import { parseMt536 } from './mt536/parse-mt536';
import { fileNameOf, ParseOptions } from './options';
import { parseSemt002, parseSemt002Async } from './semt002/parse-semt002';
import { Statement, StatementFormat } from './statement';

const PARSERS: Readonly<Record<StatementFormat, (input: Uint8Array | string, options: ParseOptions) => Statement>> = {
  MT535: parseMt535,
  MT536: parseMt536,
  SEMT002: parseSemt002,
  CSV: parseCsvStatement,
};

/** Any supported statement, its format recognised from the content. */
export function parseStatement(input: Uint8Array | string, options: ParseOptions = {}): Statement {
  const format = detectFormat(input);
  if (format === undefined) {
    throw new StatementParseError(
      { fileName: fileNameOf(options), line: 1 },
      { field: 'format', reason: 'is not recognised: expected MT535, MT536, semt.002 (001.10 or 001.11) or a CSV header row' },
    );
  }
  return PARSERS[format](input, options);
}

/**
 * parseStatement for a server that must keep answering while it reads: a semt.002 is read in
 * chunks with turns of the event loop between them. The MT and CSV readers stay synchronous: they
 * read a 10,000-position page in well under 100 ms.
 */
export async function parseStatementAsync(input: Uint8Array | string, options: ParseOptions = {}): Promise<Statement> {
  return detectFormat(input) === 'SEMT002' ? parseSemt002Async(input, options) : parseStatement(input, options);
}
