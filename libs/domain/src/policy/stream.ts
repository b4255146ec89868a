import { streamName } from '../shared/stream';

/**
 * The one stream of the reconciliation policy and its four-eyes history: `reconciliation-policy`
 * (category `reconciliation`, a single instance: the policy is the whole book's).
 */
export const POLICY_STREAM = streamName('reconciliation', 'policy');
