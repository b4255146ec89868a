import { FormEvent, ReactNode, useState } from 'react';
import { post } from '../api';
import { ChangeProposed } from '../types';

/**
 * A form that proposes a change under four eyes. The API answers 202 with the change's id: the
 * change is not in force until another person approves it, and the form says so in those words.
 * A refusal is shown as the API words it.
 */
export function ProposalForm({ title, path, body, children, onProposed }: {
  title: string;
  /** Where to post; null while the form is incomplete. */
  path: string | null;
  /** The request body, or a message naming the field that is wrong. */
  body: () => unknown;
  children: ReactNode;
  onProposed?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const testId = `propose-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!path) return;
    setMessage(null);
    let payload: unknown;
    try {
      payload = body();
    } catch (problem) {
      setMessage({ kind: 'error', text: (problem as Error).message });
      return;
    }
    setBusy(true);
    try {
      const answer = await post<Partial<ChangeProposed> & { proposalId?: string }>(path, payload);
      const id = answer?.changeId ?? answer?.proposalId;
      // Only what the API calls a proposal is announced as one; a route that records at once says so.
      setMessage({ kind: 'ok', text: id ? `Proposed, awaiting a second person: change ${id}.` : 'Recorded: in force now.' });
      onProposed?.();
    } catch (error) {
      setMessage({ kind: 'error', text: `Refused: ${(error as Error).message}` });
    }
    setBusy(false);
  };
  return (
    <form className="proposal-form" aria-label={title} onSubmit={submit} data-testid={testId}>
      <h3>{title}</h3>
      <div className="fields">{children}</div>
      <button type="submit" disabled={busy || !path}>Propose</button>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>{message.text}</p>}
    </form>
  );
}

/** A labelled input that keeps its own text. */
export function Field({ label, value, onChange, placeholder, type = 'text', size }: { label: string; value: string; onChange: (value: string) => void; placeholder?: string; type?: string; size?: number }) {
  return (
    <label>
      {label}
      <input type={type} value={value} placeholder={placeholder} size={size} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}

export function Choice({ label, value, options, onChange }: { label: string; value: string; options: ReadonlyArray<string | [string, string]>; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => {
          const [key, text] = typeof option === 'string' ? [option, option] : option;
          return <option key={key} value={key}>{text}</option>;
        })}
      </select>
    </label>
  );
}
