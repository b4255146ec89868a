import { FormEvent, useState } from 'react';
import { OUTCOMES, REASON_CODES } from '../types';

const OUTCOME_LABEL: Record<(typeof OUTCOMES)[number], string> = {
  'accept-difference': 'Accept the difference (up to an amount, until a date)',
  'write-off': 'Write off / adjust',
  'ignore-instrument': 'Ignore an instrument not tokenized',
  'fixed-at-source': 'Fixed at source',
};

export interface OutcomeProposalBody {
  readonly outcome: (typeof OUTCOMES)[number];
  readonly reasonCode: (typeof REASON_CODES)[number];
  readonly justification: string;
  readonly amount?: string;
  readonly until?: string;
  readonly isin?: string;
}

/** A proposal as the history shows it: outcome, reason code and justification (or an older free-text resolution). */
export function proposalText(data: Record<string, unknown>): string {
  if (typeof data.outcome !== 'string') return String(data.resolution ?? '');
  const bounds = [data.amount ? `up to ${String(data.amount)}` : '', data.until ? `until ${String(data.until)}` : '', data.isin ? `ISIN ${String(data.isin)}` : ''].filter(Boolean).join(', ');
  return `${data.outcome}${bounds ? ` (${bounds})` : ''} · ${String(data.reasonCode ?? '')} · ${String(data.justification ?? '')}`;
}

/**
 * The maker's proposal: an outcome from the documented list, a reason code and a justification;
 * accept-difference also states the amount and the date it holds until, ignore-instrument the ISIN.
 */
export function OutcomeProposal({ onSubmit }: { onSubmit: (body: OutcomeProposalBody) => Promise<void> }) {
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('fixed-at-source');
  const [reasonCode, setReasonCode] = useState<(typeof REASON_CODES)[number]>('TIMING');
  const [justification, setJustification] = useState('');
  const [amount, setAmount] = useState('');
  const [until, setUntil] = useState('');
  const [isin, setIsin] = useState('');
  const [busy, setBusy] = useState(false);
  const accept = outcome === 'accept-difference';
  const ignore = outcome === 'ignore-instrument';
  const complete = justification.trim() !== '' && (!accept || (amount.trim() !== '' && until !== '')) && (!ignore || isin.trim() !== '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onSubmit({
      outcome, reasonCode, justification: justification.trim(),
      ...(accept ? { amount: amount.trim(), until } : {}), // a date: the acceptance holds through that day
      ...(ignore ? { isin: isin.trim().toUpperCase() } : {}),
    });
    setBusy(false);
    setJustification('');
  };
  return (
    <form className="outcome-proposal" aria-label="Propose an outcome" onSubmit={submit}>
      <label>
        Outcome
        <select name="outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as typeof outcome)}>
          {OUTCOMES.map((value) => <option key={value} value={value}>{OUTCOME_LABEL[value]}</option>)}
        </select>
      </label>
      <label>
        Reason code
        <select name="reasonCode" value={reasonCode} onChange={(event) => setReasonCode(event.target.value as typeof reasonCode)}>
          {REASON_CODES.map((value) => <option key={value} value={value}>{value}</option>)}
        </select>
      </label>
      {accept && (
        <>
          <label>Amount (shares, at most)<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)} size={10} /></label>
          <label>Until (date, UTC)<input name="until" type="date" value={until} onChange={(event) => setUntil(event.target.value)} /></label>
        </>
      )}
      {ignore && <label>ISIN<input name="isin" value={isin} onChange={(event) => setIsin(event.target.value)} size={14} /></label>}
      <label className="wide">
        Justification
        <textarea name="justification" value={justification} onChange={(event) => setJustification(event.target.value)} rows={2} />
      </label>
      <button type="submit" disabled={busy || !complete}>Propose resolution</button>
    </form>
  );
}
