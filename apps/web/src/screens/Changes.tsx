import { FormEvent, useEffect, useState } from 'react';
import { hasRole, post, Session } from '../api';
import { approvalRefusal } from '../change-rules';
import { dateTime } from '../format';
import { useLive } from '../live-context';
import { useRouter } from '../router';
import { useSession } from '../session-context';
import { CHANGE_KINDS, CHANGE_STATUSES, ChangeRequest } from '../types';
import { useApi } from '../use-api';

/** How long ago, in whole minutes, hours or days. */
function age(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 60 * 24) return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
  return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
}

/**
 * Changes to reference data and manual evidence awaiting a second person: approve, or reject with a
 * reason. The buttons state the API's rule in advance (approver role, not the maker); a refusal the
 * API gives anyway is shown in its words.
 */
export function Changes() {
  const { location, navigate } = useRouter();
  const session = useSession();
  const live = useLive();
  const [actions, setActions] = useState(0);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const status = location.query.get('status') ?? 'PENDING';
  const kind = location.query.get('kind') ?? '';
  const query = new URLSearchParams({ status, ...(kind ? { kind } : {}) });
  const changes = useApi<ChangeRequest[]>(`/changes?${query}`, `${live.version}.${actions}`);
  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/changes?${next}`, true);
  };
  const decide = async (what: string, change: ChangeRequest, path: string, body: unknown = {}) => {
    setMessage(null);
    try {
      await post(path, body);
      setMessage({ kind: 'ok', text: `${what} of change ${change.changeId}: done.` });
    } catch (error) {
      setMessage({ kind: 'error', text: `${what} refused: ${(error as Error).message}` });
    }
    setActions((count) => count + 1);
  };
  const items = changes.data ?? [];
  return (
    <section aria-labelledby="changes-title">
      <h1 id="changes-title">Pending changes {changes.data ? `(${items.length})` : ''}</h1>
      <p className="hint">Manual evidence and reference data count only once a second person with the approver role approves them.</p>
      <form className="filters" aria-label="Change filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Status
          <select name="change-status" value={status} onChange={(event) => choose('status', event.target.value)}>
            {CHANGE_STATUSES.map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </label>
        <label>
          Kind
          <select name="change-kind" value={kind} onChange={(event) => choose('kind', event.target.value)}>
            <option value="">any</option>
            {CHANGE_KINDS.map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </label>
      </form>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>{message.text}</p>}
      {changes.error && <p role="alert" className="error">{changes.error}</p>}
      <table className="grid" aria-label="Changes" aria-busy={changes.loading}>
        <thead>
          <tr>
            <th scope="col">Change</th><th scope="col">Kind</th><th scope="col">Summary</th><th scope="col">Maker</th><th scope="col">Age</th><th scope="col">Status</th><th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && !changes.loading && <tr><td colSpan={7} className="empty">No {status.toLowerCase()} changes.</td></tr>}
          {items.map((change) => (
            <ChangeRow key={change.changeId} change={change} session={session} now={now} onDecide={decide} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ChangeRow({ change, session, now, onDecide }: {
  change: ChangeRequest;
  session: Session;
  now: number;
  onDecide: (what: string, change: ChangeRequest, path: string, body?: unknown) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const refusal = approvalRefusal(change, session);
  const refusalId = `refusal-${change.changeId}`;
  const canReject = change.status === 'PENDING' && hasRole(session, 'approver');
  const reject = async (event: FormEvent) => {
    event.preventDefault();
    await onDecide('Rejection', change, change.rejectionPath, { reason: reason.trim() });
    setReason('');
  };
  return (
    <tr data-testid={`change-${change.changeId}`}>
      <td className="mono">{change.changeId}</td>
      <td>{change.kind}</td>
      <td data-testid="change-summary">{change.summary}</td>
      <td>{change.maker}</td>
      <td title={dateTime(change.proposedAt)}>{age(change.proposedAt, now)}</td>
      <td>
        {change.status}
        {change.checker && <div className="small">approved by {change.checker}</div>}
        {change.rejectedBy && <div className="small">rejected by {change.rejectedBy}: {change.reason}</div>}
      </td>
      <td>
        {change.status === 'PENDING' && (
          <div className="decision">
            <button type="button" disabled={refusal !== null} aria-describedby={refusal ? refusalId : undefined} onClick={() => onDecide('Approval', change, change.approvalPath)}>
              Approve
            </button>
            {refusal && <p id={refusalId} role="note" className="refusal">{refusal}</p>}
            {canReject && (
              <form className="text-action" onSubmit={reject} aria-label={`Reject ${change.changeId}`}>
                <label>
                  Reason
                  <input name="reject-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
                </label>
                <button type="submit" className="secondary" disabled={reason.trim() === ''}>Reject</button>
              </form>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
