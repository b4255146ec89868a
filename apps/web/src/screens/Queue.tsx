import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { download, hasRole, post } from '../api';
import { countdown, quantity } from '../format';
import { useLive } from '../live-context';
import { Link, useRouter } from '../router';
import { useSession } from '../session-context';
import { BulkAssignResult, ExceptionPage } from '../types';
import { useApi } from '../use-api';
import { AGE_BUCKETS, BREAK_TYPES, SEVERITIES, shortExceptionId, SORT_KEYS, STATUSES } from '../vocabulary';

const PAGE_SIZE = 25;
const FILTERS: Array<[string, string, readonly string[] | null]> = [
  ['status', 'Status', STATUSES],
  ['severity', 'Severity', SEVERITIES],
  ['assetId', 'Asset', null],
  ['breakType', 'Type', BREAK_TYPES],
  ['ageBucket', 'Age', AGE_BUCKETS],
];

/** The clock the SLA countdowns run on, ticking every 30 seconds. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Queue() {
  const { location, navigate } = useRouter();
  const session = useSession();
  const live = useLive();
  const now = useNow();
  const [actions, setActions] = useState(0);
  const query = new URLSearchParams(location.query);
  const offset = Number(query.get('offset') ?? '0');
  const apiQuery = new URLSearchParams([...query].filter(([name, value]) => value !== '' && name !== 'offset'));
  const page = useApi<ExceptionPage>(`/exceptions?${apiQuery}&limit=${PAGE_SIZE}&offset=${offset}`, `${live.version}.${actions}`);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState(0);
  const [assignee, setAssignee] = useState(session.user);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [outcomes, setOutcomes] = useState<BulkAssignResult['outcomes']>([]);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const items = page.data?.items ?? [];
  const canAssign = hasRole(session, 'operator', 'approver');

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    navigate(`/queue?${next}`, true);
  };
  const toPage = (to: number) => {
    const next = new URLSearchParams(query);
    next.set('offset', String(to));
    navigate(`/queue?${next}`, true);
  };
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(items.length - 1, index));
    setFocused(bounded);
    rows.current[bounded]?.focus();
  };
  // Arrow keys move through the queue, Enter opens, Space selects for bulk assignment.
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1, j: index + 1, k: index - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      navigate(`/exceptions/${encodeURIComponent(id)}`);
    } else if (event.key === ' ' && canAssign) {
      event.preventDefault();
      toggle(id);
    }
  };
  const bulkAssign = async () => {
    const exceptionIds = [...selected];
    setMessage(null);
    setOutcomes([]);
    try {
      // One request: the API assigns each through its own aggregate and answers for each.
      const result = await post<BulkAssignResult>('/exceptions/assign', { exceptionIds, assignee });
      const noun = (count: number) => `${count} exception${count === 1 ? '' : 's'}`;
      setMessage(
        result.refused === 0
          ? { kind: 'ok', text: `Assigned ${noun(result.assigned)} to ${result.assignee}.` }
          : { kind: 'error', text: `Assigned ${result.assigned} of ${noun(result.outcomes.length)} to ${result.assignee}; ${result.refused} refused.` },
      );
      setOutcomes(result.outcomes);
      setSelected(new Set());
    } catch (error) {
      setMessage({ kind: 'error', text: `Assignment refused: ${(error as Error).message}` });
    }
    setActions((count) => count + 1);
  };

  return (
    <section aria-labelledby="queue-title">
      <div className="title-row">
        <h1 id="queue-title">Exceptions {page.data ? `(${page.data.total})` : ''}</h1>
        <button type="button" className="secondary" onClick={() => download(`/exceptions/export.csv?${apiQuery}`, 'exceptions.csv').catch((error: Error) => setMessage({ kind: 'error', text: error.message }))}>
          Export CSV
        </button>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        {FILTERS.map(([name, label, options]) => (
          <label key={name}>
            {label}
            {options ? (
              <select name={name} value={query.get(name) ?? ''} onChange={(event) => setParam(name, event.target.value)}>
                <option value="">any</option>
                {options.map((option) => (
                  <option key={option} value={option}>{option}</option>
                ))}
              </select>
            ) : (
              <input name={name} value={query.get(name) ?? ''} onChange={(event) => setParam(name, event.target.value.trim())} placeholder="any" size={10} />
            )}
          </label>
        ))}
        <label>
          Sort
          <select name="sort" value={query.get('sort') ?? 'raisedAt'} onChange={(event) => setParam('sort', event.target.value)}>
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>{key}</option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select name="order" value={query.get('order') ?? 'desc'} onChange={(event) => setParam('order', event.target.value)}>
            <option value="desc">descending</option>
            <option value="asc">ascending</option>
          </select>
        </label>
      </form>
      {canAssign && (
        <div className="bulk" aria-label="Bulk assignment">
          <span>{selected.size} selected</span>
          <label>
            Assign to <input name="bulk-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)} size={14} />
          </label>
          <button type="button" disabled={selected.size === 0 || assignee.trim() === ''} onClick={bulkAssign}>
            Assign selected
          </button>
        </div>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>{message.text}</p>}
      {outcomes.length > 0 && (
        <ul className="outcomes" aria-label="Assignment per exception" data-testid="bulk-outcomes">
          {outcomes.map((outcome) => (
            <li key={outcome.exceptionId} className={outcome.outcome}>
              <span className="mono" title={outcome.exceptionId}>{shortExceptionId(outcome.exceptionId)}</span>: {outcome.outcome === 'assigned' ? 'assigned' : `refused (${outcome.code}): ${outcome.reason}`}
            </li>
          ))}
        </ul>
      )}
      {page.error && <p role="alert" className="error">{page.error}</p>}
      <table className="grid queue" aria-label="Exception queue" aria-describedby="queue-keys" aria-busy={page.loading}>
        <thead>
          <tr>
            {canAssign && <th scope="col"><span className="sr-only">Selected</span></th>}
            <th scope="col">Exception</th>
            <th scope="col">About</th>
            <th scope="col">Asset</th>
            <th scope="col">Type</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Assignee</th>
            <th scope="col" className="num">Difference</th>
            <th scope="col">Age</th>
            <th scope="col">SLA</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && !page.loading && (
            <tr>
              <td colSpan={11} className="empty">No exceptions match.</td>
            </tr>
          )}
          {items.map((item, index) => (
            <tr
              key={item.exceptionId}
              ref={(row) => {
                rows.current[index] = row;
              }}
              tabIndex={index === Math.min(focused, items.length - 1) ? 0 : -1}
              onKeyDown={(event) => onRowKey(event, index, item.exceptionId)}
              onFocus={() => setFocused(index)}
              aria-selected={selected.has(item.exceptionId)}
              data-testid={`queue-row-${item.exceptionId}`}
              className={selected.has(item.exceptionId) ? 'selected' : ''}
            >
              {canAssign && (
                <td>
                  <input type="checkbox" tabIndex={-1} aria-label={`Select ${item.exceptionId}`} checked={selected.has(item.exceptionId)} onChange={() => toggle(item.exceptionId)} />
                </td>
              )}
              <td>
                <Link to={`/exceptions/${encodeURIComponent(item.exceptionId)}`}>{item.shortId}</Link>
              </td>
              <td data-testid="queue-subject">{item.subjectLabel}</td>
              <td>{item.assetId}</td>
              <td>{item.breakType}</td>
              <td><span className={`badge ${item.severity}`}>{item.severity}</span></td>
              <td>{item.status}</td>
              <td>{item.assignee ?? '—'}</td>
              <td className="num">{quantity(item.figures.difference)}</td>
              <td>{item.ageBucket}</td>
              <td className={item.slaBreached ? 'overdue' : ''}>{item.slaDueAt === null ? '—' : countdown(item.slaDueAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="queue-keys" className="hint">Keys: ↑/↓ move, Enter opens, Space selects.</p>
      {page.data && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={offset === 0} onClick={() => toPage(Math.max(0, offset - PAGE_SIZE))}>Previous</button>
          <span>
            {page.data.total === 0 ? 0 : offset + 1}–{offset + items.length} of {page.data.total}
          </span>
          <button type="button" disabled={offset + items.length >= page.data.total} onClick={() => toPage(offset + PAGE_SIZE)}>Next</button>
        </nav>
      )}
    </section>
  );
}
