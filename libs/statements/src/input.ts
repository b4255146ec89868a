import { StatementParseError } from './errors';

const BYTE_ORDER_MARK = '\uFEFF';
const REPLACEMENT = '\uFFFD';

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * The statement as text. Bytes must be UTF-8 (ASCII SWIFT text is): a statement in an unexpected
 * encoding would otherwise read as wrong characters, so it is refused at the first bad byte.
 */
export function statementText(input: Uint8Array | string, fileName: string): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
      throw new StatementParseError(
        { fileName, line: lineOf(lenient, lenient.indexOf(REPLACEMENT)) },
        { field: 'encoding', reason: 'the file is not valid UTF-8' },
      );
    }
  }
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
