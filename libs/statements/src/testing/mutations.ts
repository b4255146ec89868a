import { randomInt } from './prng';

export type MutationKind = 'flip' | 'truncate' | 'duplicate-line' | 'drop-line';
export const MUTATION_KINDS: readonly MutationKind[] = ['flip', 'truncate', 'duplicate-line', 'drop-line'];

const NEWLINE = 0x0a;

function lineSpans(bytes: Uint8Array): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === NEWLINE) {
      spans.push([start, at + 1]);
      start = at + 1;
    }
  }
  if (start < bytes.length) spans.push([start, bytes.length]);
  return spans;
}

/** One random damage of the kinds files suffer in transit and in hand edits. */
export function mutate(bytes: Uint8Array, kind: MutationKind, random: () => number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  if (kind === 'flip') {
    const at = randomInt(random, copy.length);
    // Half the time one bit (a transmission error), half the time any byte (a stray character).
    copy[at] = random() < 0.5 ? (copy[at] ?? 0) ^ (1 << randomInt(random, 8)) : randomInt(random, 256);
    return copy;
  }
  if (kind === 'truncate') return copy.subarray(0, randomInt(random, copy.length));
  const spans = lineSpans(bytes);
  const [start, end] = spans[randomInt(random, spans.length)] ?? [0, 0];
  const line = bytes.subarray(start, end);
  return kind === 'duplicate-line' ? concat(bytes.subarray(0, end), line, bytes.subarray(end)) : concat(bytes.subarray(0, start), bytes.subarray(end));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
