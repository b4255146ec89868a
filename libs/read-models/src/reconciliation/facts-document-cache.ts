import type { FactsDocument } from '@recon/domain';

/**
 * The fact documents this process last read or wrote, each with the `xmin` of the row version it
 * matches (the id of the transaction that wrote that version). A read sends the cached versions and
 * gets back only the documents whose row changed since, so a projector that folds the same assets
 * batch after batch stops reading and parsing them again. Whatever wrote the row (another instance, a
 * rebuild, a rolled-back batch of this one) leaves another xmin, so a stale entry is never used: a
 * version is only ever taken from a row PostgreSQL returned. Documents are immutable values, so an
 * entry is shared, never copied. At most `limit` entries, the least recently used dropped first:
 * asset documents are bounded by retention (tens of kilobytes for an asset with a few hundred open
 * trades), so 256 of them stay well inside the projector's heap budget, and a book with more assets
 * than that touched per batch only reads some documents again.
 */
export class FactsDocumentCache {
  private readonly entries = new Map<string, { readonly xmin: string; readonly doc: FactsDocument }>();

  constructor(private readonly limit = 256) {}

  /** The cached row version of `key`, if any. */
  versionOf(key: string): string | undefined {
    return this.entries.get(key)?.xmin;
  }

  /** The cached document of `key` if its row is still at `xmin`. */
  docAt(key: string, xmin: string): FactsDocument | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.xmin !== xmin) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.doc;
  }

  remember(key: string, xmin: string, doc: FactsDocument): void {
    this.entries.delete(key);
    this.entries.set(key, { xmin, doc });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }
}
