import type { FactsDocument } from '@recon/domain';
import { FactsDocumentCache } from './facts-document-cache';

const doc = (assetId: string): FactsDocument => ({
  kind: 'asset', assetId, latestRecordedAt: '2025-01-02T00:00:00Z', recentEventIds: [], multiplierChanges: [], linkedAccounts: {}, chains: {}, trades: {}, requests: {}, transfers: {},
});

describe('FactsDocumentCache', () => {
  it('gives a document back only for the row version it was remembered at', () => {
    const cache = new FactsDocumentCache();
    const a = doc('a');
    cache.remember('asset:a', '100', a);
    expect(cache.versionOf('asset:a')).toBe('100');
    expect(cache.docAt('asset:a', '100')).toBe(a);
    // Another writer (or a rolled-back batch) left another version: the entry is not used.
    expect(cache.docAt('asset:a', '101')).toBeUndefined();
    expect(cache.docAt('asset:b', '100')).toBeUndefined();
  });

  it('keeps at most its limit, dropping the least recently used', () => {
    const cache = new FactsDocumentCache(2);
    cache.remember('asset:a', '1', doc('a'));
    cache.remember('asset:b', '1', doc('b'));
    cache.docAt('asset:a', '1'); // a is now the more recently used
    cache.remember('asset:c', '1', doc('c'));
    expect(cache.versionOf('asset:b')).toBeUndefined();
    expect(cache.versionOf('asset:a')).toBe('1');
    expect(cache.versionOf('asset:c')).toBe('1');
  });
});
