import { FormEvent, useEffect, useState } from 'react';
import { dateTime } from '../format';
import { Link, useRouter } from '../router';
import { Collateralization, FigureTraceData } from '../types';
import { useApi } from '../use-api';

/** The figures the API traces (GET /trace/:date/:assetId/:figure), by their report names. */
const FIGURES: ReadonlyArray<readonly [string, string]> = [
  ['requiredShares', 'required'], ['heldShares', 'held'], ['pendingBuy', 'pending buy'], ['pendingSell', 'pending sell'],
  ['difference', 'difference'], ['ratio', 'ratio'], ['multiplier', 'multiplier'], ['supply', 'supply per chain'],
];

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * An auditor picks a date, an asset and a figure and sees the events and source documents that
 * figure of that day's report rests on, each linking to its stream in the view below. The choice
 * lives in the address (`traceDate`, `traceAsset`, `figure`), so a trace can be shared.
 */
export function FigureTrace() {
  const { location, navigate } = useRouter();
  const date = location.query.get('traceDate') ?? '';
  const asset = location.query.get('traceAsset') ?? '';
  const figure = location.query.get('figure') ?? '';
  const [form, setForm] = useState({ date: date || today(), asset, figure: figure || 'requiredShares' });
  useEffect(() => {
    setForm((previous) => ({ date: date || previous.date, asset: asset || previous.asset, figure: figure || previous.figure }));
  }, [date, asset, figure]);
  const assets = useApi<{ assets: Collateralization[] }>('/collateralization');
  const options = assets.data?.assets ?? [];
  const chosenAsset = form.asset || options[0]?.assetId || '';
  const path = date && asset && figure ? `/trace/${encodeURIComponent(date)}/${encodeURIComponent(asset)}/${encodeURIComponent(figure)}` : null;
  const trace = useApi<FigureTraceData>(path, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams(location.query);
    query.set('traceDate', form.date);
    query.set('traceAsset', chosenAsset);
    query.set('figure', form.figure);
    navigate(`/audit?${query}`);
  };
  /** The stream view of an event, keeping the trace on screen above it. */
  const streamLink = (streamId: string, eventId: string) => {
    const query = new URLSearchParams(location.query);
    query.set('stream', streamId);
    query.set('event', eventId);
    return `/audit?${query}`;
  };
  const shown = trace.data && path && trace.data.date === date && trace.data.assetId === asset && trace.data.figure === figure ? trace.data : null;
  return (
    <section className="panel" aria-labelledby="trace-title">
      <h2 id="trace-title">Trace a figure</h2>
      <form onSubmit={submit} className="filters" aria-label="Trace a figure">
        <label>
          Date <input type="date" name="trace-date" value={form.date} onChange={(event) => setForm({ ...form, date: event.target.value })} required />
        </label>
        <label>
          Asset{' '}
          <select name="trace-asset" value={chosenAsset} onChange={(event) => setForm({ ...form, asset: event.target.value })}>
            {options.map((option) => <option key={option.assetId} value={option.assetId}>{option.symbol}</option>)}
          </select>
        </label>
        <label>
          Figure{' '}
          <select name="trace-figure" value={form.figure} onChange={(event) => setForm({ ...form, figure: event.target.value })}>
            {FIGURES.map(([name, label]) => <option key={name} value={name}>{label}</option>)}
          </select>
        </label>
        <button type="submit" disabled={!chosenAsset || !form.date}>Trace</button>
      </form>
      {path && trace.error && <p role="alert" className="error">{trace.error}</p>}
      {path && trace.loading && !shown && <p className="loading">Replaying the events of {date}…</p>}
      {shown && (
        <>
          <p data-testid="trace-value">
            {FIGURES.find(([name]) => name === shown.figure)?.[1] ?? shown.figure} of {shown.assetId} on {shown.date}:{' '}
            <strong className="mono">{typeof shown.value === 'string' || shown.value === null ? (shown.value ?? '—') : JSON.stringify(shown.value)}</strong>
            {' '}· report <span className="mono small">{shown.reportHash.slice(0, 16)}…</span> · {shown.events.length} event{shown.events.length === 1 ? '' : 's'}
          </p>
          {shown.events.length === 0 && <p className="empty">No event lies behind this figure on {shown.date}.</p>}
          {shown.events.length > 0 && (
            <table className="grid compact" aria-label="Events behind the figure">
              <thead>
                <tr><th scope="col">Event</th><th scope="col">Stream</th><th scope="col">Business time</th><th scope="col">Recorded</th><th scope="col">Source document</th></tr>
              </thead>
              <tbody>
                {shown.events.map((event) => (
                  <tr key={event.eventId}>
                    <td><Link to={streamLink(event.streamId, event.eventId)}>{event.type}</Link></td>
                    <td className="mono small">{event.streamId} #{event.streamVersion}</td>
                    <td>{event.businessTime ?? '—'}</td>
                    <td>{dateTime(event.recordedAt)}</td>
                    <td>{event.sourceDocument ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
