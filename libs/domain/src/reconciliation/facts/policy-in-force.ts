import { withPolicyTerms, ReconciliationPolicy } from '../policy';
import { FactsDocument } from './documents';
import { POLICY_FACTS_KEY } from './fact-keys';

/**
 * The policy a pass judges by: the approved one folded into the policy document, else the settings'
 * defaults (no policy was ever approved). Per-account staleness windows stay the settings'.
 */
export function policyInForce(docs: ReadonlyMap<string, FactsDocument>, defaults: Omit<ReconciliationPolicy, 'now'>): Omit<ReconciliationPolicy, 'now'> {
  const doc = docs.get(POLICY_FACTS_KEY);
  return doc?.kind === 'policy' && doc.approved ? withPolicyTerms(defaults, doc.approved.policy) : defaults;
}
