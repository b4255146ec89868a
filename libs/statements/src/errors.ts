/** Where in a statement file a problem is: a line, and for XML also the element's path. */
export interface SourceLocation {
  readonly fileName: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, where the reader knows it (XML). */
  readonly column?: number;
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

/** One problem of a refused file, where it is and what is wrong. */
export interface LocatedProblem extends SourceLocation, ParseProblem {
  /** The value (when there is one) and the reason as one sentence: `"12a,5" is not a decimal quantity`. */
  readonly message: string;
}

/** A refused file lists at most this many problems; past them reading stops. */
export const MAX_PROBLEMS = 100;

const MAX_SHOWN = 60;

const shown = (value: string): string => JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);

function locatedProblem(location: SourceLocation, problem: ParseProblem): LocatedProblem {
  return {
    fileName: location.fileName,
    line: location.line,
    ...(location.column === undefined ? {} : { column: location.column }),
    ...(location.xpath === undefined ? {} : { xpath: location.xpath }),
    field: problem.field,
    ...(problem.value === undefined ? {} : { value: problem.value }),
    reason: problem.reason,
    message: problem.value === undefined ? problem.reason : `${shown(problem.value)} ${problem.reason}`,
  };
}

const describeProblem = (problem: LocatedProblem): string =>
  `${problem.fileName}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}${problem.xpath ? ` ${problem.xpath}` : ''} field ${problem.field}: ${problem.message}`;

/**
 * A statement refused as a whole: statements are all-or-nothing, so one bad field refuses every
 * position on the page rather than letting a partial holding through. `problems` lists every
 * problem found in the file (up to MAX_PROBLEMS), each with line, field and message; the error's
 * own `line`, `field`, `value`, `reason` are the first of them, so callers that read one problem
 * still work, and the message names them all, one per line.
 */
export class StatementParseError extends Error {
  readonly fileName: string;
  readonly line: number;
  readonly column?: number;
  readonly xpath?: string;
  readonly field: string;
  readonly value?: string;
  readonly reason: string;
  readonly problems: readonly LocatedProblem[];
  /** More than MAX_PROBLEMS were found; only the first are listed. */
  readonly truncated: boolean;

  constructor(location: SourceLocation, problem: ParseProblem, others: readonly LocatedProblem[] = [], truncated = false) {
    const first = locatedProblem(location, problem);
    const problems = [first, ...others];
    const more = truncated ? `\n(stopped after ${MAX_PROBLEMS} problems; there are more)` : '';
    super(problems.map(describeProblem).join('\n') + more);
    this.name = 'StatementParseError';
    this.fileName = location.fileName;
    this.line = location.line;
    if (location.column !== undefined) this.column = location.column;
    if (location.xpath !== undefined) this.xpath = location.xpath;
    this.field = problem.field;
    if (problem.value !== undefined) this.value = problem.value;
    this.reason = problem.reason;
    this.problems = problems;
    this.truncated = truncated;
  }

  /** The error for a file with several problems, in the order found. */
  static ofProblems(problems: readonly LocatedProblem[], truncated = false): StatementParseError {
    const [first, ...others] = problems;
    if (!first) throw new Error('a refused statement has at least one problem');
    return new StatementProblems(first, first, others, truncated);
  }
}

/** A file refused with several problems (`problems.length` > 1, or truncated); a StatementParseError like any other. */
export class StatementProblems extends StatementParseError {
  constructor(location: SourceLocation, problem: ParseProblem, others: readonly LocatedProblem[], truncated: boolean) {
    super(location, problem, others, truncated);
    this.name = 'StatementProblems';
  }
}

/** A well-formed statement the domain cannot take as it stands (a cancellation, face amounts …). */
export class StatementMappingError extends Error {
  constructor(readonly reference: string, reason: string) {
    super(`statement ${reference}: ${reason}`);
    this.name = 'StatementMappingError';
  }
}
