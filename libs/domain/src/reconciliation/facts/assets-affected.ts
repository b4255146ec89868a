import { FactsDocument } from './documents';

/**
 * The assets whose reconciliation may change after `doc` changed: an asset document, its own asset
 * once registered (before that it cannot be reconciled); an account document, the assets linked to
 * it and those whose ISIN is on its current statement (an unknown-instrument or position figure
 * may have changed, and a link may still be on its way on another partition); the policy document,
 * none by itself: it concerns every asset, so the reconciler re-judges the whole book when it changes.
 */
export function assetsAffectedBy(_key: string, doc: FactsDocument, assetIdsByIsin: ReadonlyMap<string, string>): string[] {
  if (doc.kind === 'policy') return [];
  if (doc.kind === 'asset') return doc.registration ? [doc.assetId] : [];
  const byIsin = (doc.current?.pages ?? []).flatMap((p) => p.positions.map((line) => assetIdsByIsin.get(line.isin))).filter((id): id is string => id !== undefined);
  return [...new Set([...doc.linkedAssetIds, ...byIsin])].sort();
}
