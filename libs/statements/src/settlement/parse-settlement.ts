import { StatementParseError } from '../errors';
import { fileNameOf, ParseOptions } from '../options';
import { parseMt548 } from './parse-mt548';
import { parseMt54x } from './parse-mt54x';
import { parseSese024, parseSese025, SESE024_NAMESPACE_PREFIX, SESE025_NAMESPACE_PREFIX } from './parse-sese';
import { SettlementMessage, SettlementMessageFormat } from './settlement-message';

const SNIFF_LENGTH = 4096;
const APPLICATION_HEADER = /\{2:[IO](54[4-8])/;
// A bare MT548 text block: sequence A gives the status of an instruction (23G INST) or of a cancellation request (CAST).
const BARE_MT548 = /^(?:\{4:)?\s*:16R:GENL\s*$[\s\S]*^:23G:(?:INST|CAST)\b/m;
// A bare MT544 to MT547 text block: trade details and the financial instrument/account sequence, which no statement has.
const BARE_CONFIRMATION = /^(?:\{4:)?\s*:16R:GENL\s*$[\s\S]*^:16R:TRADDET\s*$[\s\S]*^:16R:FIAC\s*$/m;

function textStart(input: Uint8Array | string): string {
  const head = typeof input === 'string' ? input.slice(0, SNIFF_LENGTH) : new TextDecoder('utf-8').decode(input.subarray(0, SNIFF_LENGTH));
  return head.replace(/^\uFEFF/, '').trimStart();
}

/**
 * The format of a settlement message from its content: the FIN application header's message type
 * (MT544 to MT548), a bare MT548 text block, or the ISO 20022 namespace (sese.025, sese.024).
 * Undefined for anything else, statements included.
 */
export function detectSettlementFormat(input: Uint8Array | string): SettlementMessageFormat | undefined {
  const head = textStart(input);
  const messageType = APPLICATION_HEADER.exec(head)?.[1];
  if (messageType) return `MT${messageType}` as SettlementMessageFormat;
  if (head.startsWith('<')) {
    if (head.includes(SESE025_NAMESPACE_PREFIX)) return 'SESE025';
    if (head.includes(SESE024_NAMESPACE_PREFIX)) return 'SESE024';
    return undefined;
  }
  return BARE_MT548.test(head) ? 'MT548' : undefined;
}

/** A settlement confirmation or status advice, its format recognised from the content; undefined when the file is neither. */
export function parseSettlementMessage(input: Uint8Array | string, options: ParseOptions = {}): SettlementMessage | undefined {
  const format = detectSettlementFormat(input);
  switch (format) {
    case undefined:
      if (BARE_CONFIRMATION.test(textStart(input))) {
        throw new StatementParseError(
          { fileName: fileNameOf(options), line: 1 },
          { field: 'block 2 (message type)', reason: 'is missing: a settlement confirmation (TRADDET, FIAC) needs its FIN application header, whose message type (MT544 to MT547) says receipt or delivery' },
        );
      }
      return undefined;
    case 'MT548':
      return parseMt548(input, options);
    case 'SESE025':
      return parseSese025(input, options);
    case 'SESE024':
      return parseSese024(input, options);
    default:
      return parseMt54x(input, options, format.slice(2));
  }
}
