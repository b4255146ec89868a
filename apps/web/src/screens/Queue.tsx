import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { download, hasRole, post } from '../api';
import { countdown, quantity } from '../format';
import { useLive } from '../live-context';
import { Link, useRouter } from '../router';
import { useSession } from '../session-context';
import { BulkAssignResult, ExceptionPage, KnownIdentity, RegisteredAsset } from '../types';
import { useApi } from '../use-api';
import { AGE_BUCKETS, BREAK_TYPES, SEVERITIES, shortExceptionId, SORT_KEYS, STATUSES } from '../vocabulary';
import { MultiSelect } from './MultiSelect';

const PAGE_SIZE = 25;

/**
 * The queue's default view, in the address so that it can be shared: open (awaiting approval too),
 * mine and unassigned (`me` is whoever opens it, `none` nobody), the SLA falling due first.
 */
export const DEFAULT_VIEW: ReadonlyArray<[string, string]> = [
  ['status', 'OPEN,AWAITING_APPROVAL'],
  ['assignee', 'me,none'],
  ['sort', 'slaDueAt'],
  ['order', 'asc'],
];
/** Commas stay readable in the address; URLSearchParams would write %2C. */
const queryText = (query: URLSearchParams) => query.toString().replace(/%2C/gi, ',');
export const defaultQueuePath = () => `/queue?${queryText(new URLSearchParams([...DEFAULT_VIEW]))}`;
const isDefaultView = (query: URLSearchParams) =>
  [...query].filter(([name]) => name !== 'offset').length === DEFAULT_VIEW.length && DEFAULT_VIEW.every(([name, value]) => query.get(name) === value);

const listOf = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/** A closed exception has no SLA running: no countdown, whatever the row still holds. */
export const slaText = (item: { status: string; slaDueAt: string | null }, now: number): string =>
  item.slaDueAt === null || ['CLOSED', 'CLEARED', 'FOLDED'].includes(item.status) ? '—' : countdown(item.slaDueAt, now);

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
  // No view chosen: the default one, written into the address.
  const empty = [...query].length === 0;
  useEffect(() => {
    if (empty) navigate(defaultQueuePath(), true);
  }, [empty]);
  const apiQuery = new URLSearchParams([...query].filter(([name, value]) => value !== '' && name !== 'offset'));
  const page = useApi<ExceptionPage>(empty ? null : `/exceptions?${queryText(apiQuery)}&limit=${PAGE_SIZE}&offset=${offset}`, `${live.version}.${actions}`);
  const identities = useApi<KnownIdentity[]>('/identities', actions);
  const assets = useApi<RegisteredAsset[]>('/assets');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState(0);
  const [assignee, setAssignee] = useState(session.user.trim().toLowerCase());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [outcomes, setOutcomes] = useState<BulkAssignResult['outcomes']>([]);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const items = page.data?.items ?? [];
  const canAssign = hasRole(session, 'operator', 'approver');
  const identityIds = (identities.data ?? []).map((identity) => identity.id);
  const assigneeOptions: Array<[string, string]> = [['me', `me (${session.user})`], ['none', 'unassigned'], ...identityIds.map((id): [string, string] => [id, id])];
  const assetOptions = (assets.data ?? []).map((asset) => asset.assetId).concat(listOf(query.get('assetId')).filter((id) => !(assets.data ?? []).some((asset) => asset.assetId === id)));

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    navigate(`/queue?${queryText(next)}`, true);
  };
  const toPage = (to: number) => {
    const next = new URLSearchParams(query);
    next.set('offset', String(to));
    navigate(`/queue?${queryText(next)}`, true);
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
        <button type="button" className="secondary" onClick={() => download(`/exceptions/export.csv?${queryText(apiQuery)}`, 'exceptions.csv').catch((error: Error) => setMessage({ kind: 'error', text: error.message }))}>
          Export CSV
        </button>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <MultiSelect name="status" label="Status" options={STATUSES} chosen={listOf(query.get('status'))} onChange={(values) => setParam('status', values.join(','))} />
        <MultiSelect name="severity" label="Severity" options={SEVERITIES} chosen={listOf(query.get('severity'))} onChange={(values) => setParam('severity', values.join(','))} />
        <MultiSelect name="assetId" label="Asset" options={assetOptions} chosen={listOf(query.get('assetId'))} onChange={(values) => setParam('assetId', values.join(','))} />
        <MultiSelect name="breakType" label="Type" options={BREAK_TYPES} chosen={listOf(query.get('breakType'))} onChange={(values) => setParam('breakType', values.join(','))} />
        <MultiSelect name="ageBucket" label="Age" options={AGE_BUCKETS} chosen={listOf(query.get('ageBucket'))} onChange={(values) => setParam('ageBucket', values.join(','))} />
        <MultiSelect name="assignee" label="Assignee" options={assigneeOptions} chosen={listOf(query.get('assignee'))} onChange={(values) => setParam('assignee', values.join(','))} />
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
        {isDefaultView(query) ? (
          <span className="view-name" data-testid="queue-view">Default view: open, mine and unassigned, by SLA due</span>
        ) : (
          <button type="button" className="secondary" onClick={() => navigate(defaultQueuePath(), true)}>Default view</button>
        )}
      </form>
      {canAssign && (
        <div className="bulk" aria-label="Bulk assignment">
          <span>{selected.size} selected</span>
          <label>
            Assign to{' '}
            <select name="bulk-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
              {!identityIds.includes(assignee) && <option value={assignee}>{assignee}</option>}
              {(identities.data ?? []).map((identity) => (
                <option key={identity.id} value={identity.id}>{identity.id}{identity.roles.length ? ` (${identity.roles.join(', ')})` : ''}</option>
              ))}
            </select>
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
              <td className={item.slaBreached ? 'overdue' : ''} data-testid="queue-sla">{slaText(item, now)}</td>
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
