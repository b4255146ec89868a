import { DomainError } from '@recon/domain';
import { CsvField, HoldingsStatement, Instrument, LocatedProblem, MAX_PROBLEMS, StatementFieldError, StatementFormat } from '@recon/statements';
import { locateField } from './field-location';

/** One reason a statement file was refused, located so that the sender can fix it. */
export interface StatementProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** For XML: the element at fault. */
  readonly xpath?: string;
  /** The field as the format names it: `93B::AGGR (aggregate balance)`, `AggtBal (...)`, `aggregate (column "aggregate")`. */
  readonly field: string;
  readonly message: string;
}

/**
 * A statement refused as a whole: nothing of it was appended. Carries every problem found before
 * anything was written.
 */
export class StatementRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly StatementProblem[],
    /** More than MAX_PROBLEMS were found; only the first are listed. */
    readonly truncated = false,
  ) {
    const more = truncated ? `\n(stopped after ${MAX_PROBLEMS} problems; there are more)` : '';
    super(problems.map(describeProblem).join('\n') + more);
    this.name = 'StatementRefusedError';
  }
}

/** One problem on one line: `file:line [xpath] field F: message`, as the command line prints it. */
export const describeProblem = ({ file, line, xpath, field, message }: StatementProblem): string => `${file}:${line}${xpath ? ` ${xpath}` : ''} field ${field}: ${message}`;

/** A problem the parser located (its message already joins the value and the reason). */
export function parseProblem(problem: LocatedProblem): StatementProblem {
  return { file: problem.fileName, line: problem.line, ...(problem.xpath === undefined ? {} : { xpath: problem.xpath }), field: problem.field, message: problem.message };
}

/** Text and format of the file, and which part of the statement a fault lies in. */
export interface ProblemSource {
  readonly file: string;
  readonly text: string;
  readonly format: StatementFormat;
  readonly statement: HoldingsStatement;
}

function located(source: ProblemSource, field: CsvField, message: string, instrument?: Instrument, account?: string): StatementProblem {
  const subAccount = account !== undefined && account !== source.statement.account ? account : undefined;
  const where = locateField(source.text, source.format, { field, ...(instrument ? { instrument } : {}), ...(subAccount ? { subAccount } : {}) });
  return { file: source.file, line: where.line, ...(where.xpath === undefined ? {} : { xpath: where.xpath }), field: where.field, message };
}

export function mappingProblem(source: ProblemSource, error: StatementFieldError): StatementProblem {
  return located(source, error.field, error.message, error.instrument);
}

/** The domain's field names (see the custody commands) in the normalized statement's words. */
const DOMAIN_FIELDS: Readonly<Record<string, CsvField>> = {
  quantity: 'aggregate',
  quantityType: 'quantityType',
  available: 'available',
  notAvailable: 'notAvailable',
  isin: 'isin',
  positions: 'isin',
  custodian: 'custodian',
  account: 'account',
  statementReference: 'reference',
  page: 'page',
  lastPage: 'lastPage',
  asOf: 'asOfDate',
  basis: 'basis',
  completeness: 'completeness',
  copy: 'function',
};

// Domain messages start with the field: `positions[US0378331005].quantity: …`, `asOf: …`.
const POSITION_FIELD = /^positions\[([A-Z0-9]{12})\](?:\.(\w+))?:/;
const STATEMENT_FIELD = /^(\w+)(?:\[\d+\])?:/;

/** A rule of the domain refused a page of `account`: find the position or header field its message names. */
export function domainProblem(source: ProblemSource, error: DomainError, account: string): StatementProblem {
  const position = POSITION_FIELD.exec(error.message);
  if (position) {
    const isin = position[1]!;
    return located(source, DOMAIN_FIELDS[position[2] ?? 'isin'] ?? 'isin', error.message, { isin }, account);
  }
  const field = DOMAIN_FIELDS[STATEMENT_FIELD.exec(error.message)?.[1] ?? ''] ?? 'reference';
  return located(source, field, error.message);
}
