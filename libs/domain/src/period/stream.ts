import { streamName } from '../shared/stream';

/** All seals live in one stream: a write is checked against every sealed period, and seals are few. */
export const PERIOD_SEALS_STREAM = streamName('period', 'seals');
