import { RecordedEvent } from '@recon/event-store';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../../libs/statements/fixtures');

/** A sample statement from libs/statements/fixtures, as text. */
export const statementFixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** Replaces text that must be in the fixture; fails loudly when it is not, so a changed fixture cannot pass a test by accident. */
export function edited(text: string, find: string, replacement: string): string {
  if (!text.includes(find)) throw new Error(`the statement does not contain ${JSON.stringify(find)}`);
  return text.replace(find, replacement);
}

/** 1-based line of the first line that starts with `prefix` (after the one that holds `after`, if given). */
export function lineOf(text: string, prefix: string, after?: string): number {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, '').trimStart());
  const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, at) => at >= from && line.startsWith(prefix));
  if (index === -1) throw new Error(`no line starts with ${prefix}`);
  return index + 1;
}

/** Every stored event in global order: what a test checks to prove that nothing was appended. */
export async function allEvents(store: { readAll(options: { after?: bigint; maxCount?: number }): Promise<RecordedEvent[]> }): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 1000 }); page.length > 0; page = await store.readAll({ after: page[page.length - 1]!.globalPosition, maxCount: 1000 })) {
    events.push(...page);
  }
  return events;
}
