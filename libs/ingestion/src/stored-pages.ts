import { EventStore, RecordedEvent } from '@recon/event-store';

const PAGE = 1000;

/** `$all` in global order, a page at a time, so that a scan of a large store holds one page in memory. */
export async function* storedPages(store: EventStore): AsyncGenerator<RecordedEvent[]> {
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.globalPosition;
  }
}
