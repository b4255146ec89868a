import { domainEventCodec } from '@recon/command-execution';
import { randomUUID } from 'node:crypto';
import { linksOfAccount } from './custody-links';
import { scratchStore } from './testing/scratch-store';

const linkedAt = '2024-01-02T09:00:00Z';

describe('Links of a custody account, read from the store', () => {
  const store = scratchStore('links');
  const link = (streamId: string, schemaVersion: number, data: object) =>
    store().appendToStream(streamId, [{ eventId: randomUUID(), type: 'CustodyAccountLinked', schemaVersion, data, metadata: {} }], 'any');

  it('should read a link stored before custodians were normalised (v1, BIC11 XXX) in the normal form', async () => {
    await link('asset-bAAPL', 1, { assetId: 'bAAPL', custodian: 'CUSTCHZZXXX', account: 'SAFE-2000', linkedAt });
    await link('asset-bCSPX', 2, { assetId: 'bCSPX', custodian: 'CUSTCHZZ', account: 'SAFE-2000', linkedAt });
    await link('asset-bMSFT', 2, { assetId: 'bMSFT', custodian: 'CUSTCHZZ', account: 'SAFE-3000', linkedAt });
    expect(await linksOfAccount(store(), domainEventCodec, 'SAFE-2000')).toEqual([
      { assetId: 'bAAPL', custodian: 'CUSTCHZZ', account: 'SAFE-2000', linkedAt },
      { assetId: 'bCSPX', custodian: 'CUSTCHZZ', account: 'SAFE-2000', linkedAt },
    ]);
  });

  it('should find none for an account no asset links', async () => expect(await linksOfAccount(store(), domainEventCodec, 'SAFE-9')).toEqual([]));
});
