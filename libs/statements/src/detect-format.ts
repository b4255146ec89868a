import { SEMT002_NAMESPACE_PREFIX } from './semt002/versions';
import { StatementFormat } from './statement';

/** Enough of the start of a file to recognise it; formats announce themselves early. */
const SNIFF_LENGTH = 4096;
const APPLICATION_HEADER = /\{2:[IO](53[56])/;
const BARE_TEXT_BLOCK = /^(?:\{4:)?\s*:16R:GENL\s*$/m;
// MT536 alone has a statement period (69a) and transaction blocks.
const MT536_MARKERS = /^:69[A-F]:|^:16R:TRAN\s*$/m;
const CSV_HEADER = /^[^<{:\n][^\n]*[,;\t|][^\n]*$/m;

function textStart(input: Uint8Array | string): string {
  const head = typeof input === 'string' ? input.slice(0, SNIFF_LENGTH) : new TextDecoder('utf-8').decode(input.subarray(0, SNIFF_LENGTH));
  return head.replace(/^\uFEFF/, '').trimStart();
}

/**
 * The format of a statement from its content, never its file name: an envelope's message type, a
 * bare ISO 15022 text block, the semt.002 namespace, or a delimited header row. Undefined when
 * nothing matches.
 */
export function detectFormat(input: Uint8Array | string): StatementFormat | undefined {
  const head = textStart(input);
  const messageType = APPLICATION_HEADER.exec(head)?.[1];
  if (messageType) return messageType === '535' ? 'MT535' : 'MT536';
  if (head.startsWith('<')) return head.includes(SEMT002_NAMESPACE_PREFIX) ? 'SEMT002' : undefined;
  if (BARE_TEXT_BLOCK.test(head)) return MT536_MARKERS.test(head) ? 'MT536' : 'MT535';
  const firstLine = head.split('\n', 1)[0] ?? '';
  return CSV_HEADER.test(firstLine) ? 'CSV' : undefined;
}
