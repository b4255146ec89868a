import { assetStream, DomainError } from '@recon/domain';
import { EventStore } from '@recon/event-store';

/**
 * Refuses a command about an asset nobody registered (404, ASSET_NOT_FOUND): a trade or a mint or
 * redemption request for it would be recorded against nothing the reconciliation knows, and would
 * surface only later as a break nobody can explain. Registration is never withdrawn, so reading the
 * asset's stream before the command's own append leaves no gap that matters.
 */
export async function requireRegisteredAsset(store: EventStore, assetId: string): Promise<void> {
  if ((await store.streamVersion(assetStream(assetId))) < 0) {
    throw new DomainError('ASSET_NOT_FOUND', `assetId: asset ${assetId} is not registered (register it with POST /assets first)`);
  }
}
