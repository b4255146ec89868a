import { streamName } from '../shared/stream';

/** One stream per safekeeping account: statements and movements of an account are ordered together. */
export const custodyStream = (custodian: string, account: string): string => streamName('custody', custodian, account);
