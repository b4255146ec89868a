import { StatementParseError } from '../errors';
import { LINES_PER_STEP, ParseSteps } from '../steps';
import { SwiftBody } from './envelope';
import { belongsIn, fieldLabel, maxLinesOf, UNQUALIFIED_TAGS } from './field-tags';

export interface SwiftField {
  readonly tag: string;
  readonly qualifier?: string;
  /** Data source scheme (`:93B::AGGR/ISSR/…`); empty for the standard codes. */
  readonly issuer: string;
  /** What follows `:QUAL//` (or the tag, when unqualified); continuation lines joined by `\n`. */
  readonly value: string;
  readonly line: number;
}

/** A 16R … 16S sequence; the root holds the top-level blocks. */
export interface SwiftBlock {
  readonly name: string;
  readonly line: number;
  readonly fields: SwiftField[];
  readonly blocks: SwiftBlock[];
}

const SLASH = 0x2f;
const MAX_ISSUER = 8;

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isUpperAlphanumeric = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x5a);
const isAlphanumeric = (code: number): boolean => isUpperAlphanumeric(code) || (code >= 0x61 && code <= 0x7a);

/**
 * `:QUAL/ISSUER/value`: where the value starts (after the second slash), or -1 when the text is not
 * qualified. QUAL is four upper-case letters or digits, ISSUER (data source scheme) up to eight
 * letters or digits. Read by character codes, without a regex match per field.
 */
function qualifiedValueStart(text: string): number {
  for (let index = 1; index <= 4; index++) if (!isUpperAlphanumeric(text.charCodeAt(index))) return -1;
  if (text.charCodeAt(5) !== SLASH) return -1;
  for (let index = 6; index <= 6 + MAX_ISSUER; index++) {
    const code = text.charCodeAt(index);
    if (code === SLASH) return index + 1;
    if (!isAlphanumeric(code)) return -1;
  }
  return -1;
}

/**
 * The tag of a line that starts a field, `:NNa:` (`:20C:`, `:28E:`, `:16R:`), else undefined.
 * Read by character codes: this runs on every line of statements of 100,000 lines.
 */
function fieldTagOf(text: string): string | undefined {
  if (text.charCodeAt(0) !== 0x3a || !isDigit(text.charCodeAt(1)) || !isDigit(text.charCodeAt(2))) return undefined;
  const third = text.charCodeAt(3);
  if (third === 0x3a) return text.slice(1, 3);
  return third >= 0x41 && third <= 0x5a && text.charCodeAt(4) === 0x3a ? text.slice(1, 4) : undefined;
}

/** Whether a line holds anything but blanks, without allocating a trimmed copy. */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return false;
  }
  return true;
}

function fieldOf(tag: string, text: string, line: number, fileName: string): SwiftField {
  if (UNQUALIFIED_TAGS.has(tag) || text.charCodeAt(0) !== 0x3a) return { tag, qualifier: undefined, issuer: '', value: text, line };
  const valueStart = qualifiedValueStart(text);
  if (valueStart === -1) {
    throw new StatementParseError({ fileName, line }, { field: fieldLabel(tag), value: text, reason: 'is not a qualified value (:QUAL//value)' });
  }
  return { tag, qualifier: text.slice(1, 5), issuer: valueStart === 7 ? '' : text.slice(6, valueStart - 1), value: text.slice(valueStart), line };
}

/** Hands a block over as it closes; returning true drops it from the tree (it has been read). */
export type BlockConsumer = (block: SwiftBlock, parent: SwiftBlock) => boolean;

/**
 * Reads block 4 into the tree of 16R/16S sequences. A line that does not start a field continues
 * the field before it (35B descriptions, narratives), whatever its first character.
 */
export function* readBlocks(body: SwiftBody, fileName: string, consume?: BlockConsumer, linesPerStep = LINES_PER_STEP): ParseSteps<SwiftBlock> {
  const root: SwiftBlock = { name: '', line: body.firstLine, fields: [], blocks: [] };
  const stack: SwiftBlock[] = [root];
  // The field being read, kept in variables rather than an object per field: statements run to 100,000 lines.
  let openTag = '';
  let openText = '';
  let openLine = 0;
  let openLines = 0;
  const close = (): void => {
    if (openLines > 0) (stack[stack.length - 1] ?? root).fields.push(fieldOf(openTag, openText, openLine, fileName));
    openLines = 0;
  };
  let sinceStep = 0;
  for (let start = body.from, line = body.firstLine; start < body.to; line++) {
    if (++sinceStep === linesPerStep) {
      sinceStep = 0;
      yield;
    }
    const newline = body.text.indexOf('\n', start);
    const end = newline === -1 || newline > body.to ? body.to : newline;
    const text = body.text.slice(start, body.text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    if (isBlank(text)) continue;
    const block = stack[stack.length - 1] ?? root;
    const tag = fieldTagOf(text);
    const continues = openLines > 0 && openLines < maxLinesOf(openTag) && (tag === undefined || !belongsIn(block.name, tag));
    if (tag === undefined || continues) {
      if (openLines === 0) throw new StatementParseError({ fileName, line }, { field: 'field tag', value: text, reason: 'is not a field (:TAG:) and continues none' });
      openText += `\n${text}`;
      openLines++;
      continue;
    }
    close();
    const value = text.slice(tag.length + 2);
    if (tag === '16R') {
      const child: SwiftBlock = { name: value, line, fields: [], blocks: [] };
      block.blocks.push(child);
      stack.push(child);
    } else if (tag === '16S') {
      const parent = stack[stack.length - 2];
      if (!parent || value !== block.name) {
        throw new StatementParseError({ fileName, line }, { field: fieldLabel('16S'), value, reason: `does not close the open block${parent ? ` ${block.name}` : ''}` });
      }
      stack.pop();
      if (consume?.(block, parent)) parent.blocks.pop();
    } else {
      openTag = tag;
      openText = value;
      openLine = line;
      openLines = 1;
    }
  }
  close();
  const unclosed = stack[stack.length - 1];
  if (unclosed && unclosed !== root) {
    throw new StatementParseError({ fileName, line: unclosed.line }, { field: fieldLabel('16R'), value: unclosed.name, reason: 'is never closed by 16S (the file may be cut short)' });
  }
  return root;
}
