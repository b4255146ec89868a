import { streamName } from '../shared/stream';

/** One stream per mint or redemption request. */
export const issuanceStream = (requestId: string): string => streamName('issuance', requestId);
