import { streamName } from '../shared/stream';

/** One stream per proposed change, its four-eyes history apart from the data it changes. */
export const changeStream = (changeId: string): string => streamName('change', changeId);
export const CHANGE_STREAM_PREFIX = 'change-';
