import { StatementParseError } from '../errors';

/** Runs `parse`, expecting it to refuse the statement; returns the error for assertions on its location. */
export function parseErrorOf(parse: () => unknown): StatementParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError, but the statement was accepted');
}
