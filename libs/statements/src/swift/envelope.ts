import { StatementParseError } from '../errors';

/** One line of block 4 with its 1-based line number in the file. */
export interface BodyLine {
  readonly text: string;
  readonly line: number;
}

/**
 * A FIN message split into what the parsers need: the message type and sender from the basic and
 * application headers, and the lines of the text block. The trailer (block 5) is not checked: MAC
 * and checksum belong to the network, and files arrive with it cut short.
 */
export interface SwiftEnvelope {
  /** `535`, when there is an application header. */
  readonly messageType?: string;
  /** The sender's 12-character logical terminal address. */
  readonly senderTerminal?: string;
  readonly body: readonly BodyLine[];
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

export function readEnvelope(text: string, fileName: string): SwiftEnvelope {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const opening = lines.findIndex((line) => line.includes(TEXT_BLOCK));
  if (opening === -1) {
    const first = lines.findIndex((line) => line.trim() !== '');
    if (lines[first]?.startsWith('{')) {
      throw new StatementParseError({ fileName, line: first + 1 }, { field: 'block 4', reason: 'the message has headers but no text block {4:' });
    }
    const end = lines.findIndex((line) => line.startsWith(END_OF_TEXT));
    return { body: lines.slice(0, end === -1 ? lines.length : end).map((line, index) => ({ text: line, line: index + 1 })) };
  }
  const openingLine = lines[opening] ?? '';
  const at = openingLine.indexOf(TEXT_BLOCK);
  const header = lines.slice(0, opening).join('') + openingLine.slice(0, at);
  const body: BodyLine[] = [];
  const restOfOpening = openingLine.slice(at + TEXT_BLOCK.length);
  if (restOfOpening !== '') body.push({ text: restOfOpening, line: opening + 1 });
  let index = opening + 1;
  for (; index < lines.length && !(lines[index] ?? '').startsWith(END_OF_TEXT); index++) body.push({ text: lines[index] ?? '', line: index + 1 });
  if (index === lines.length) {
    throw new StatementParseError({ fileName, line: lines.length }, { field: 'block 4', reason: 'the text block is not closed by -} (the file may be cut short)' });
  }
  const trailer = lines.slice(index).join('\n');
  if (trailer.includes('{1:')) {
    throw new StatementParseError({ fileName, line: index + 1 }, { field: 'block 1', reason: 'a second message follows: one file must hold one statement' });
  }
  return { ...senderOf(header), body };
}
