import { streamName } from '../shared/stream';

export const tradeStream = (tradeId: string): string => streamName('trade', tradeId);
