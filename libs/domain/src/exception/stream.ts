import { streamName } from '../shared/stream';

export const exceptionStream = (exceptionId: string): string => streamName('exception', exceptionId);
