// The domain's own lists, imported from its pure source, so that the filters can never offer a value
// the API refuses.
export { BREAK_TYPES, SEVERITIES } from '../../../libs/domain/src/exception/break-types';
export { AGE_BUCKETS } from '../../../libs/domain/src/exception/ageing';
export { shortExceptionId } from '../../../libs/domain/src/exception/subject-label';

/** The queue's statuses (the read model's EXCEPTION_STATUSES); open ones still need work. */
export const STATUSES = ['OPEN', 'AWAITING_APPROVAL', 'CLOSED', 'CLEARED', 'FOLDED'] as const;
export const SORT_KEYS = ['raisedAt', 'severity', 'slaDueAt', 'assetId', 'breakType', 'status', 'lastChangedAt'] as const;
