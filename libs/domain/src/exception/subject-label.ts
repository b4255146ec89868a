/**
 * What an exception is about, in the words of the people who work it: the subject key the id was
 * derived from ("trade:T1", "transfer:8453:0x…:3") as a label ("trade T1", "chain 8453 tx 0x… log 3").
 * Keys are stable and never change (the exception id hashes them); labels are for reading only.
 */
export function subjectLabel(subject: string | null | undefined, context: { readonly isin?: string | null } = {}): string {
  if (!subject) return '—';
  const [kind, ...rest] = subject.split(':');
  const tail = rest.join(':');
  switch (kind) {
    case 'collateral':
      return context.isin ? `ISIN ${context.isin}` : 'collateral of the asset';
    case 'chain':
      return `chain ${tail}`;
    case 'transfer': {
      const [chainId, txHash, logIndex] = rest;
      return `chain ${chainId} tx ${txHash} log ${logIndex}`;
    }
    case 'request':
      return `issuance request ${tail}`;
    case 'trade':
      return `trade ${tail}`;
    case 'confirmation':
      return `settlement confirmation ${tail}`;
    case 'account':
      return `account ${atCustodian(rest)}`;
    case 'isin': {
      const [custodian, account, isin] = rest;
      return `ISIN ${isin} in account ${custodian}/${account}`;
    }
    case 'statement': {
      const [custodian, account, ...reference] = rest;
      return `statement ${reference.join(':')} of account ${custodian}/${account}`;
    }
    case 'duplicate':
      return `statement page ${tail}`;
    case 'movement': {
      const [custodian, account, ...movement] = rest;
      return `custody movement ${movement.join(':')} in account ${custodian}/${account}`;
    }
    case 'systemic':
      return `one fault: ${tail}`;
    default:
      return subject;
  }
}

const atCustodian = ([custodian, ...account]: readonly string[]) => `${custodian}/${account.join(':')}`;

/**
 * The id people see: the readable prefix (the break type) and the first 8 characters of the hash
 * (`under-collateralized-86df673c`). Unique enough to say aloud and search for; the API keeps the
 * full id. An id of another shape is shown whole.
 */
export function shortExceptionId(exceptionId: string): string {
  const match = /^(.+)-([0-9a-f]{32})$/.exec(exceptionId);
  return match ? `${match[1]}-${match[2]!.slice(0, 8)}` : exceptionId;
}
