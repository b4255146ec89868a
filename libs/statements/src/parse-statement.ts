import { parseCsvStatement } from './csv/parse-csv';
import { detectFormat } from './detect-format';
import { StatementParseError } from './errors';
import { parseMt535, parseMt535Async } from './mt535/parse-mt535';
import { parseMt536, parseMt536Async } from './mt536/parse-mt536';
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

const ASYNC_PARSERS: Readonly<Partial<Record<StatementFormat, (input: Uint8Array | string, options: ParseOptions) => Promise<Statement>>>> = {
  MT535: parseMt535Async,
  MT536: parseMt536Async,
  SEMT002: parseSemt002Async,
};

/**
 * parseStatement for a server that must keep answering while it reads: MT messages yield to the
 * event loop every 2,000 lines, a semt.002 every 64 KiB of XML, so a multi-megabyte statement
 * never holds the loop for 100 ms. CSV exports are read at once.
 */
export async function parseStatementAsync(input: Uint8Array | string, options: ParseOptions = {}): Promise<Statement> {
  const format = detectFormat(input);
  const parse = format === undefined ? undefined : ASYNC_PARSERS[format];
  return parse ? parse(input, options) : parseStatement(input, options);
}
