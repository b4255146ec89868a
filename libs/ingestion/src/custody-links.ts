import { CustodyAccountLinked } from '@recon/domain';
import { EventStore } from '@recon/event-store';
import { EventCodec } from '@recon/command-execution';
import { storedPages } from './stored-pages';

/** One asset's link to a custody account, as the asset stream recorded it (custodian in the BIC normal form). */
export interface CustodyLink {
  readonly assetId: string;
  readonly custodian: string;
  readonly account: string;
  readonly linkedAt: string;
}

/**
 * Every link naming the safekeeping account `account` (at any custodian). Links live on the asset
 * streams and the store's port reads `$all` without a filter, so this pages through it: it serves
 * the rare file that names no sender and the single-account query, never the statement hot path.
 * Read through the codec, so a link stored before custodians were normalised (v1) reads normalised.
 */
export async function linksOfAccount(store: EventStore, codec: EventCodec, account: string): Promise<CustodyLink[]> {
  const links: CustodyLink[] = [];
  for await (const page of storedPages(store)) {
    for (const recorded of page) {
      if (recorded.type !== 'CustodyAccountLinked' || !recorded.streamId.startsWith('asset-')) continue;
      const { data } = codec.decode(recorded) as CustodyAccountLinked;
      if (data.account === account) links.push({ assetId: data.assetId, custodian: data.custodian, account: data.account, linkedAt: data.linkedAt });
    }
  }
  return links;
}
