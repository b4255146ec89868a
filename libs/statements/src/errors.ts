/** Where in a statement file a problem is: a line, and for XML also the element's path. */
export interface SourceLocation {
  readonly fileName: string;
  /** 1-based. */
  readonly line: number;
  readonly xpath?: string;
}

export interface ParseProblem {
  /** The field as the format names it, e.g. `93B (AGGR balance)`, `AggtBal (aggregate balance)`, `aggregate (column "Qty")`. */
  readonly field: string;
  /** The offending text, when there is one. */
  readonly value?: string;
  /** What is wrong, phrased to follow the value: `is not a decimal quantity`. */
  readonly reason: string;
}

const MAX_SHOWN = 60;

const shown = (value: string): string => JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);

/**
 * A statement refused as a whole: statements are all-or-nothing, so one bad field refuses every
 * position on the page rather than letting a partial holding through.
 */
export class StatementParseError extends Error {
  readonly fileName: string;
  readonly line: number;
  readonly xpath?: string;
  readonly field: string;
  readonly value?: string;
  readonly reason: string;

  constructor(location: SourceLocation, problem: ParseProblem) {
    const where = `${location.fileName}:${location.line}${location.xpath ? ` ${location.xpath}` : ''}`;
    const what = problem.value === undefined ? problem.reason : `${shown(problem.value)} ${problem.reason}`;
    super(`${where} field ${problem.field}: ${what}`);
    this.name = 'StatementParseError';
    this.fileName = location.fileName;
    this.line = location.line;
    if (location.xpath !== undefined) this.xpath = location.xpath;
    this.field = problem.field;
    if (problem.value !== undefined) this.value = problem.value;
    this.reason = problem.reason;
  }
}

/** A well-formed statement the domain cannot take as it stands (a cancellation, face amounts …). */
export class StatementMappingError extends Error {
  constructor(readonly reference: string, reason: string) {
    super(`statement ${reference}: ${reason}`);
    this.name = 'StatementMappingError';
  }
}
