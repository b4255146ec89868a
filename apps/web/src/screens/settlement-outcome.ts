/** What an uploaded settlement message did (the API's SettlementReport). */
export interface SettlementOutcome {
  readonly messageReference: string;
  readonly kind: string;
  readonly tradeId?: string;
  readonly matchedBy?: string;
  readonly quantity?: string;
  readonly status?: string;
  readonly reasonCode?: string;
  readonly outcome: string;
}

const FOUND_BY: Readonly<Record<string, string>> = {
  'account-owner-reference': 'its account owner reference (RELA)',
  'trade-id': 'its trade id (RELA)',
  'custodian-reference': "the custodian's reference (ASRF)",
  keys: 'ISIN, side, quantity and settlement date',
  'confirmation-reference': 'the confirmation it already has',
};

/** One sentence per settlement message: what it did to which trade, found how, and the custodian's reason. */
export function settlementText(s: SettlementOutcome): string {
  const trade = s.tradeId === undefined ? 'No trade' : `Trade ${s.tradeId} (found by ${FOUND_BY[s.matchedBy ?? ''] ?? s.matchedBy})`;
  const reason = s.reasonCode === undefined ? '' : `, reason ${s.reasonCode}`;
  const what: Record<string, string> = {
    confirmation: `${s.quantity} share(s) settled`,
    cancellation: `confirmation cancelled, ${s.quantity} share(s) due again`,
    failing: `settlement failing${reason}`,
    pending: `settlement pending${reason}`,
    'other-status': `status ${s.status ?? ''}`,
  };
  const outcome = s.outcome === 'unchanged' ? 'known already, nothing new recorded' : s.outcome === 'not-recorded' ? 'shown only, nothing recorded' : 'recorded';
  return `${s.messageReference}: ${trade}: ${what[s.kind] ?? s.kind}; ${outcome}.`;
}
