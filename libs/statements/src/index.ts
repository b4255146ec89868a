// Public surface of @recon/statements: custody statement parsers (MT535, MT536, semt.002, CSV) into
// one normalized statement, and its mapping onto the domain's StatementReceived content. Pure: no
// framework, database, clock or file system.
export * from './statement';
export * from './errors';
export { statementKeyOf, type StatementKeyParts } from './statement-key';
export type { ParseOptions } from './options';
export { detectFormat } from './detect-format';
export { parseStatement, parseStatementAsync } from './parse-statement';
export { parseMt535, parseMt535Async } from './mt535/parse-mt535';
export { parseMt536, parseMt536Async } from './mt536/parse-mt536';
export { parseSemt002, parseSemt002Async } from './semt002/parse-semt002';
export { parseCsvStatement } from './csv/parse-csv';
export { CSV_FIELDS, STANDARD_CSV_HEADER, STANDARD_CSV_MAPPING, type CsvDateFormat, type CsvField, type CsvMapping } from './csv/csv-mapping';
export { DECIMAL_SCALE, formatDecimal, parseDecimal } from './values/decimal';
export { toStatementContents, type StatementContentDraft } from './domain/to-statement-contents';
export { toStatementCancellation, toTransactionsCancellation, type StatementCancellationDraft, type TransactionsCancellationDraft } from './domain/to-statement-cancellation';
export { StatementFieldError } from './domain/mapping-error';
export { toCustodyMovements, type CustodyMovementDraft } from './domain/to-custody-movements';
export * from './settlement/settlement-message';
export { detectSettlementFormat, parseSettlementMessage } from './settlement/parse-settlement';
export { parseMt54x } from './settlement/parse-mt54x';
export { parseMt548 } from './settlement/parse-mt548';
