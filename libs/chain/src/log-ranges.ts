/**
 * eth_getLogs ranges that adapt to the node: a node (or the provider in front of it) refuses a range
 * that is too wide or whose answer is too large, each in its own words; the watcher then asks again
 * for less, and asks for more while the logs are sparse.
 */

/** The messages providers answer a too wide or too heavy eth_getLogs with (matched in any case). */
const RANGE_REFUSALS: readonly RegExp[] = [
  /query returned more than \d+ results/i, // geth family, Infura (-32005), zkSync (-32602)
  /log response size exceeded/i, // Alchemy
  /response size (exceeded|is larger|too large)/i,
  /block range (is )?too (wide|large|big)/i, // Ankr and others
  /range \d+ exceeds limit of \d+/i, // Infura (-32602)
  /range \d+ is bigger than range limit \d+/i, // Tenderly
  /exceed(s|ed)? maximum block range/i, // op-geth based L2 endpoints
  /eth_getLogs is limited to a [\d,]+ range/i, // QuickNode
  /block range (limit )?exceeded/i,
  /query timeout exceeded/i,
];

/** The range the provider suggests in its refusal ("Try with this block range [0x.., 0x..]"), if any. */
export function suggestedRange(message: string): { from: number; to: number } | undefined {
  const match = /\[\s*(0x[0-9a-f]+)\s*,\s*(0x[0-9a-f]+)\s*\]/i.exec(message);
  if (!match) return undefined;
  const from = Number.parseInt(match[1]!, 16);
  const to = Number.parseInt(match[2]!, 16);
  return Number.isSafeInteger(from) && Number.isSafeInteger(to) && to >= from ? { from, to } : undefined;
}

function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    messages.push(cause.message, String((cause as { details?: unknown }).details ?? ''));
  }
  return messages;
}

/** True when the node refused a getLogs for its range or its answer's size: ask for a smaller range, do not retry the same one. */
export function isRangeRefusal(error: unknown): boolean {
  return messagesOf(error).some((message) => RANGE_REFUSALS.some((pattern) => pattern.test(message)));
}

/** Thrown by the reader when the node refused a range; carries the provider's suggestion. */
export class RangeRefusedError extends Error {
  constructor(readonly from: number, readonly to: number, readonly suggestedTo: number | undefined, options: { cause: unknown }) {
    super(`eth_getLogs ${from}..${to} refused by the node: ${(options.cause as Error).message?.split('\n')[0]}`, options);
    this.name = 'RangeRefusedError';
  }
}

export interface LogRangeSettings {
  /** Blocks of the first request. */
  readonly initial: number;
  /** Never more than this many blocks per request. */
  readonly max: number;
  /** A range that returned fewer logs than this is sparse: the next one is twice as wide. */
  readonly sparseLogs: number;
}

/**
 * The size of the next eth_getLogs range: halves on a refusal (or takes the provider's suggestion),
 * doubles after a sparse answer, up to `max`; stays put otherwise.
 */
export class LogRangeSize {
  private size: number;

  constructor(private readonly settings: LogRangeSettings) {
    if (settings.initial < 1 || settings.max < settings.initial) throw new Error(`bad log range settings: ${JSON.stringify(settings)}`);
    this.size = settings.initial;
  }

  get blocks(): number {
    return this.size;
  }

  refused(error: RangeRefusedError): void {
    const asked = error.to - error.from + 1;
    if (asked <= 1) throw new Error(`${error.message}: even a single block is refused`, { cause: error });
    const suggested = error.suggestedTo !== undefined && error.suggestedTo >= error.from && error.suggestedTo < error.to ? error.suggestedTo - error.from + 1 : undefined;
    this.size = suggested ?? Math.floor(asked / 2);
  }

  answered(blocks: number, logs: number): void {
    // Only a range as wide as the current size says anything about the next one (the last one before the head is shorter).
    if (logs < this.settings.sparseLogs && blocks >= this.size) this.size = Math.min(this.settings.max, this.size * 2);
  }
}
