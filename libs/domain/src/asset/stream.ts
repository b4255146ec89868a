import { streamName } from '../shared/stream';

export const assetStream = (assetId: string): string => streamName('asset', assetId);
