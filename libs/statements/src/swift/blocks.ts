import { StatementParseError } from '../errors';
import { BodyLine } from './envelope';
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

const FIELD_START = /^:(\d{2}[A-Z]?):/;
const QUALIFIED = /^:([A-Z0-9]{4})\/([A-Za-z0-9]{0,8})\/([\s\S]*)$/;

interface OpenField {
  readonly tag: string;
  readonly line: number;
  text: string;
  lines: number;
}

function fieldOf(open: OpenField, fileName: string): SwiftField {
  if (UNQUALIFIED_TAGS.has(open.tag) || !open.text.startsWith(':')) return { tag: open.tag, issuer: '', value: open.text, line: open.line };
  const match = QUALIFIED.exec(open.text);
  if (!match) {
    throw new StatementParseError({ fileName, line: open.line }, { field: fieldLabel(open.tag), value: open.text, reason: 'is not a qualified value (:QUAL//value)' });
  }
  const [, qualifier = '', issuer = '', value = ''] = match;
  return { tag: open.tag, qualifier, issuer, value, line: open.line };
}

/**
 * Reads block 4 into the tree of 16R/16S sequences. A line that does not start a field continues
 * the field before it (35B descriptions, narratives), whatever its first character.
 */
export function readBlocks(body: readonly BodyLine[], fileName: string): SwiftBlock {
  const root: SwiftBlock = { name: '', line: body[0]?.line ?? 1, fields: [], blocks: [] };
  const stack: SwiftBlock[] = [root];
  let open: OpenField | undefined;
  const close = (): void => {
    if (open) (stack[stack.length - 1] ?? root).fields.push(fieldOf(open, fileName));
    open = undefined;
  };
  for (const { text, line } of body) {
    if (text.trim() === '') continue;
    const block = stack[stack.length - 1] ?? root;
    const tag = FIELD_START.exec(text)?.[1];
    const continues = open !== undefined && open.lines < maxLinesOf(open.tag) && (tag === undefined || !belongsIn(block.name, tag));
    if (tag === undefined || continues) {
      if (!open) throw new StatementParseError({ fileName, line }, { field: 'field tag', value: text, reason: 'is not a field (:TAG:) and continues none' });
      open.text += `\n${text}`;
      open.lines++;
      continue;
    }
    close();
    const value = text.slice(tag.length + 2);
    if (tag === '16R') {
      const child: SwiftBlock = { name: value, line, fields: [], blocks: [] };
      block.blocks.push(child);
      stack.push(child);
    } else if (tag === '16S') {
      if (stack.length === 1 || value !== block.name) {
        throw new StatementParseError({ fileName, line }, { field: fieldLabel('16S'), value, reason: `does not close the open block${stack.length === 1 ? '' : ` ${block.name}`}` });
      }
      stack.pop();
    } else {
      open = { tag, line, text: value, lines: 1 };
    }
  }
  close();
  const unclosed = stack[stack.length - 1];
  if (unclosed && unclosed !== root) {
    throw new StatementParseError({ fileName, line: unclosed.line }, { field: fieldLabel('16R'), value: unclosed.name, reason: 'is never closed by 16S (the file may be cut short)' });
  }
  return root;
}
