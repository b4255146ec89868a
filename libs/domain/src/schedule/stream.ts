import { streamName } from '../shared/stream';

/**
 * One stream per custody account's statement schedule: reference data with its own four-eyes
 * history, apart from the custodian's messages. (A category holds no '-', hence `schedule`.)
 */
export const scheduleStream = (custodian: string, account: string): string => streamName('schedule', custodian, account);
