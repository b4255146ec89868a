import { FormEvent, ReactNode, useState } from 'react';
import { post } from '../api';
import { actionRules } from '../exception-rules';
import { countdown, dateTime, orderedFigures, quantity } from '../format';
import { useLive } from '../live-context';
import { Link } from '../router';
import { useSession } from '../session-context';
import { ExceptionDetailData } from '../types';
import { OutcomeProposal, proposalText } from './OutcomeProposal';
import { useApi } from '../use-api';

const auditLink = (streamId: string, eventId?: string) => `/audit?stream=${encodeURIComponent(streamId)}${eventId ? `&event=${encodeURIComponent(eventId)}` : ''}`;

export function ExceptionDetail({ exceptionId }: { exceptionId: string }) {
  const session = useSession();
  const live = useLive();
  const [actions, setActions] = useState(0);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const path = `/exceptions/${encodeURIComponent(exceptionId)}`;
  const { data: item, error } = useApi<ExceptionDetailData>(path, `${live.version}.${actions}`);
  if (error && !item) return <p role="alert" className="error">{error}</p>;
  if (!item) return <p className="loading">Loading…</p>;

  const rules = actionRules(item, session);
  const closed = ['CLOSED', 'CLEARED', 'FOLDED'].includes(item.status);
  const proposal = [...item.history].reverse().find((entry) => entry.type === 'ResolutionProposed');
  const proposalId = proposal?.data.proposalId as string | undefined;
  const run = async (what: string, route: string, body: unknown = {}) => {
    setOutcome(null);
    try {
      await post(`${path}/${route}`, body);
      setOutcome({ kind: 'ok', text: `${what}: done.` });
      setActions((count) => count + 1);
    } catch (failure) {
      setOutcome({ kind: 'error', text: `${what} refused: ${(failure as Error).message}` });
    }
  };
  const comments = item.history.filter((entry) => entry.type === 'ExceptionCommented');

  return (
    <section aria-labelledby="exception-title" className="detail">
      <p><Link to="/queue">← Exceptions</Link></p>
      <h1 id="exception-title">{item.shortId}</h1>
      <dl className="facts" data-testid="exception-facts">
        <dt>About</dt><dd data-testid="exception-subject">{item.subjectLabel}</dd>
        <dt>Id (API)</dt><dd className="mono">{item.exceptionId}</dd>
        <dt>Asset</dt><dd>{item.assetId}</dd>
        <dt>Type</dt><dd>{item.breakType}</dd>
        <dt>Severity</dt><dd><span className={`badge ${item.severity}`}>{item.severity}</span></dd>
        <dt>Status</dt><dd data-testid="exception-status">{item.status}</dd>
        <dt>Assignee</dt><dd data-testid="exception-assignee">{item.assignee ?? '—'}</dd>
        <dt>Raised</dt><dd>{dateTime(item.raisedAt)} ({item.ageBucket})</dd>
        <dt>SLA</dt><dd className={item.slaBreached ? 'overdue' : ''} data-testid="exception-sla">{closed || item.slaDueAt === null ? 'none: closed' : `${dateTime(item.slaDueAt)} · ${countdown(item.slaDueAt, Date.now())}`}</dd>
        {item.outcome && (<><dt>Outcome</dt><dd data-testid="exception-outcome">{item.outcome}{item.reasonCode ? ` (${item.reasonCode})` : ''}</dd></>)}
        {item.justification && (<><dt>Justification</dt><dd>{item.justification}</dd></>)}
        {item.resolution && (<><dt>Resolution</dt><dd>{item.resolution}{item.approvedBy ? ` (approved by ${item.approvedBy})` : ''}</dd></>)}
      </dl>

      <h2>Figures</h2>
      <table className="grid compact" aria-label="Figures">
        <tbody>
          {orderedFigures(item.figures).map(([name, value]) => (
            <tr key={name}><th scope="row">{name}</th><td className="num">{quantity(value)}</td></tr>
          ))}
        </tbody>
      </table>

      <h2>Actions</h2>
      {outcome && <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={outcome.kind}>{outcome.text}</p>}
      <div className="actions">
        {rules.assign && (
          <TextAction label="Assign to" name="assignee" initial={session.user} button="Assign" onSubmit={(assignee) => run('Assignment', 'assignment', { assignee })} />
        )}
        {rules.propose && <OutcomeProposal onSubmit={(proposal) => run('Proposal', 'proposals', proposal)} />}
        {item.status === 'AWAITING_APPROVAL' && proposal && (
          <div className="proposal" data-testid="pending-proposal">
            <p>
              <strong>Proposal by {proposal.actor}:</strong> {proposalText(proposal.data)}
            </p>
            <button type="button" disabled={!rules.approve} aria-describedby={rules.approveRefusal ? 'approve-refusal' : undefined} onClick={() => run('Approval', `proposals/${proposalId}/approval`)}>
              Approve
            </button>
            {rules.approveRefusal && (
              <p id="approve-refusal" role="note" className="refusal">
                {rules.approveRefusal}
              </p>
            )}
            {rules.reject && <TextAction label="Reason" name="reject-reason" button="Reject" onSubmit={(reason) => run('Rejection', `proposals/${proposalId}/rejection`, { reason })} />}
          </div>
        )}
        {rules.comment && <TextAction label="Comment" name="comment" button="Add comment" long onSubmit={(text) => run('Comment', 'comments', { text })} />}
        {rules.reopen && <TextAction label="Reason" name="reopen-reason" button="Reopen" onSubmit={(reason) => run('Reopening', 'reopening', { reason })} />}
        {!rules.assign && !rules.reopen && item.status !== 'AWAITING_APPROVAL' && <p className="hint">No action is open to you on this exception.</p>}
      </div>

      <h2>Comments</h2>
      {comments.length === 0 ? <p className="empty">No comments.</p> : (
        <ul className="comments">
          {comments.map((entry) => (
            <li key={entry.version}><strong>{entry.actor}</strong> · {dateTime(entry.recordedAt)}<br />{String(entry.data.text ?? '')}</li>
          ))}
        </ul>
      )}

      <h2>Evidence</h2>
      <Table label="Evidence" head={['Event', 'Stream', 'Recorded', 'Source document', 'On-chain transaction']} empty="No evidence events.">
        {item.evidence.map((event) => (
          <tr key={event.eventId}>
            <td><Link to={auditLink(event.streamId, event.eventId)}>{event.type}</Link></td>
            <td>{event.streamId}</td>
            <td>{dateTime(event.recordedAt)}</td>
            <td>{event.sourceDocument ?? '—'}</td>
            <td className="mono">{typeof event.data.txHash === 'string' ? `chain ${String(event.data.chainId ?? '?')} · ${event.data.txHash}` : '—'}</td>
          </tr>
        ))}
      </Table>
      {item.evidenceNotFound.length > 0 && <p className="hint">Evidence not in this store: {item.evidenceNotFound.join(', ')}</p>}

      <h2>History</h2>
      <Table label="History" head={['#', 'Event', 'By', 'Recorded', 'Why']} empty="">
        {item.history.map((entry) => (
          <tr key={entry.version}>
            <td>{entry.version}</td>
            <td><Link to={auditLink(`exception-${item.exceptionId}`)}>{entry.type}</Link></td>
            <td>{entry.actor ?? '—'}</td>
            <td>{dateTime(entry.recordedAt)}</td>
            <td>{historyNote(entry)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** What a history entry says about itself: a proposal's outcome, a reopening's or rejection's reason. */
function historyNote(entry: { type: string; data: Record<string, unknown> }): string {
  if (entry.type === 'ResolutionProposed') return proposalText(entry.data);
  return typeof entry.data.reason === 'string' ? entry.data.reason : '';
}

function Table({ label, head, empty, children }: { label: string; head: string[]; empty: string; children: ReactNode[] }) {
  return (
    <table className="grid compact" aria-label={label}>
      <thead><tr>{head.map((title) => <th key={title} scope="col">{title}</th>)}</tr></thead>
      <tbody>{children.length ? children : <tr><td colSpan={head.length} className="empty">{empty}</td></tr>}</tbody>
    </table>
  );
}

/** One labelled text field and its button; the button stays disabled until there is text. */
function TextAction({ label, name, button, initial = '', long = false, onSubmit }: { label: string; name: string; button: string; initial?: string; long?: boolean; onSubmit: (text: string) => Promise<void> }) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onSubmit(text.trim());
    setBusy(false);
    if (!initial) setText('');
  };
  return (
    <form className="text-action" onSubmit={submit}>
      <label>
        {label}
        {long ? <textarea name={name} value={text} onChange={(event) => setText(event.target.value)} rows={2} /> : <input name={name} value={text} onChange={(event) => setText(event.target.value)} />}
      </label>
      <button type="submit" disabled={busy || text.trim() === ''}>{button}</button>
    </form>
  );
}
