import { StatementParseError } from '../errors';
import { lineOf } from '../input';

/** Block 4 as a range of the file's text: lines are read from it one by one, never all held at once. */
export interface SwiftBody {
  readonly text: string;
  /** Offset of the first body character. */
  readonly from: number;
  /** Offset where the body ends (the `-}` line, or the end of the text). */
  readonly to: number;
  /** 1-based line number at `from`. */
  readonly firstLine: number;
}

/**
 * A FIN message split into what the parsers need: the message type and sender from the basic and
 * application headers, and the text block. The trailer (block 5) is not checked: MAC and checksum
 * belong to the network, and files arrive with it cut short.
 */
export interface SwiftEnvelope {
  /** `535`, when there is an application header. */
  readonly messageType?: string;
  /** The sender's 12-character logical terminal address. */
  readonly senderTerminal?: string;
  readonly body: SwiftBody;
}

const TEXT_BLOCK = '{4:';
const END_OF_TEXT = '-}';
const BASIC_HEADER = /\{1:F01([A-Z0-9]{12})/;
const APPLICATION_HEADER = /\{2:([IO])(\d{3})([A-Z0-9]*)/;
// Output form: input time (4) and the MIR's date (6) come before the sender's LT address (12).
const OUTPUT_SENDER_OFFSET = 10;

function senderOf(header: string): { messageType?: string; senderTerminal?: string } {
  const application = APPLICATION_HEADER.exec(header);
  if (!application) return {};
  const [, direction, messageType = '', rest = ''] = application;
  // Output (O): the network delivered it, the MIR names the sender. Input (I): block 1 is the sender.
  const terminal = direction === 'O' ? rest.slice(OUTPUT_SENDER_OFFSET, OUTPUT_SENDER_OFFSET + 12) : BASIC_HEADER.exec(header)?.[1];
  return { messageType, ...(terminal && terminal.length === 12 ? { senderTerminal: terminal } : {}) };
}

/** Offset of the line that starts with `-}` at or after `from`, or -1. */
function endOfText(text: string, from: number): number {
  if (from === 0 && text.startsWith(END_OF_TEXT)) return 0;
  const at = text.indexOf(`\n${END_OF_TEXT}`, Math.max(from - 1, 0));
  return at === -1 ? -1 : at + 1;
}

export function readEnvelope(text: string, fileName: string): SwiftEnvelope {
  const opening = text.indexOf(TEXT_BLOCK);
  if (opening === -1) {
    if (text.trimStart().startsWith('{')) {
      throw new StatementParseError({ fileName, line: lineOf(text, text.length - text.trimStart().length) }, { field: 'block 4', reason: 'the message has headers but no text block {4:' });
    }
    const end = endOfText(text, 0);
    return { body: { text, from: 0, to: end === -1 ? text.length : end, firstLine: 1 } };
  }
  const from = opening + TEXT_BLOCK.length;
  const end = endOfText(text, from);
  if (end === -1) {
    throw new StatementParseError({ fileName, line: lineOf(text, text.length) }, { field: 'block 4', reason: 'the text block is not closed by -} (the file may be cut short)' });
  }
  if (text.includes('{1:', end)) {
    throw new StatementParseError({ fileName, line: lineOf(text, end) }, { field: 'block 1', reason: 'a second message follows: one file must hold one statement' });
  }
  return { ...senderOf(text.slice(0, opening)), body: { text, from, to: end, firstLine: lineOf(text, from) } };
}
