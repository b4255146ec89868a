import { LocatedProblem, MAX_PROBLEMS, StatementParseError } from './errors';

/**
 * Gathers the problems of one file so that a refused file lists all of them (up to MAX_PROBLEMS),
 * not only the first. Readers still throw a StatementParseError at a bad value; the parsers catch
 * it at the points where reading can go on without it (a header field, a position, a CSV row) and
 * refuse the file at the end. A structural fault (an unclosed block, malformed XML) stops reading:
 * what follows it cannot be located reliably.
 */
export class ProblemCollector {
  private readonly problems: LocatedProblem[] = [];
  private truncated = false;

  get count(): number {
    return this.problems.length;
  }

  add(error: StatementParseError): void {
    for (const problem of error.problems) {
      if (this.problems.length >= MAX_PROBLEMS) {
        this.truncated = true;
        throw this.error();
      }
      this.problems.push(problem);
    }
  }

  /** Runs one independent read; a refused value is recorded and `fallback` returned in its place. */
  attempt<T>(read: () => T): T | undefined;
  attempt<T>(read: () => T, fallback: T): T;
  attempt<T>(read: () => T, fallback?: T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof StatementParseError)) throw error;
      if (this.collected(error)) throw error;
      this.add(error);
      return fallback;
    }
  }

  /**
   * Runs a whole parse (or, with `finished: false`, one step of it): a fault that stops it is
   * refused together with everything found before it; a finished parse with problems is refused.
   */
  run<T>(parse: () => T, { finished = true }: { finished?: boolean } = {}): T {
    let result: T;
    try {
      result = parse();
    } catch (error) {
      if (!(error instanceof StatementParseError) || this.collected(error)) throw error;
      this.add(error);
      throw this.error();
    }
    if (finished && this.problems.length > 0) throw this.error();
    return result;
  }

  private readonly built = new WeakSet<StatementParseError>();

  private error(): StatementParseError {
    const error = StatementParseError.ofProblems(this.problems, this.truncated);
    this.built.add(error);
    return error;
  }

  /** An error this collector built itself (the limit was reached): it already holds every problem. */
  private collected(error: StatementParseError): boolean {
    return this.built.has(error);
  }
}
