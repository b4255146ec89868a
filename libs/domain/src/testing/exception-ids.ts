import { ExceptionIds, exceptionIdsFrom } from '../exception/exception-id';

/**
 * Exception ids for the domain's specs. Production hashes through the platform's SHA-256 (see
 * `@recon/command-execution` `exceptionIds`); the domain stays free of cryptography, and its specs
 * only need ids that are deterministic and distinct: each text is numbered the first time it is
 * seen, in 32 hex digits like a digest prefix.
 */
const numbered = new Map<string, string>();
const numberOf = (text: string): string => {
  let number = numbered.get(text);
  if (number === undefined) {
    number = (numbered.size + 1).toString(16).padStart(32, '0');
    numbered.set(text, number);
  }
  return number;
};

export const TEST_EXCEPTION_IDS: ExceptionIds = exceptionIdsFrom(numberOf);
