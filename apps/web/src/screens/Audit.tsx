import { FormEvent, useEffect, useRef, useState } from 'react';
import { dateTime } from '../format';
import { useRouter } from '../router';
import { StoredEvent } from '../types';
import { useApi } from '../use-api';
import { CsvButton } from './CsvButton';
import { FigureTrace } from './FigureTrace';

/**
 * Browse one stream, oldest event first, with each event's data, actor and source document. Figures
 * elsewhere link here with the event they rest on (`event=`), which is highlighted and scrolled to;
 * above it, an auditor traces a figure of a day's report to its events (FigureTrace).
 */
export function Audit() {
  const { location, navigate } = useRouter();
  const stream = location.query.get('stream') ?? '';
  const highlighted = location.query.get('event');
  const [input, setInput] = useState(stream);
  useEffect(() => {
    setInput(stream);
  }, [stream]);
  const { data, error, loading } = useApi<{ streamId: string; version: number; events: StoredEvent[] }>(stream ? `/streams/${encodeURIComponent(stream)}` : null, stream);
  const target = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    target.current?.scrollIntoView({ block: 'center' });
  }, [data, highlighted]);
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (!input.trim()) return;
    const query = new URLSearchParams(location.query);
    query.set('stream', input.trim());
    query.delete('event');
    navigate(`/audit?${query}`);
  };
  const events = data?.streamId === stream ? data.events : [];
  return (
    <section aria-labelledby="audit-title">
      <div className="title-row">
        <h1 id="audit-title">Audit: event streams</h1>
        <CsvButton
          fileName={`${stream || 'stream'}.csv`}
          header={['version', 'type', 'eventId', 'recordedAt', 'actor', 'sourceDocument', 'globalPosition']}
          rows={() => events.map((event) => [String(event.streamVersion), event.type, event.eventId, event.recordedAt, String(event.metadata.actor ?? ''), String(event.metadata.sourceDocument ?? ''), event.globalPosition])}
        />
      </div>
      <FigureTrace />
      <form onSubmit={open} className="filters" aria-label="Open a stream">
        <label>
          Stream <input name="stream" value={input} onChange={(event) => setInput(event.target.value)} placeholder="asset-bAAPL, custody-DEMOCHZZ-SAFE-0001, exception-…" size={48} />
        </label>
        <button type="submit">Open</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {stream && !loading && !error && events.length === 0 && <p className="empty">The stream {stream} holds no events.</p>}
      {events.length > 0 && (
        <table className="grid compact" aria-label={`Events of ${stream}`}>
          <thead>
            <tr><th scope="col">#</th><th scope="col">Event</th><th scope="col">Recorded</th><th scope="col">Actor</th><th scope="col">Source document</th><th scope="col">Data</th></tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.eventId} ref={event.eventId === highlighted ? target : undefined} className={event.eventId === highlighted ? 'highlight' : ''}>
                <td>{event.streamVersion}</td>
                <td>{event.type}<br /><span className="mono small">{event.eventId}</span></td>
                <td>{dateTime(event.recordedAt)}</td>
                <td>{String(event.metadata.actor ?? '—')}</td>
                <td>{String(event.metadata.sourceDocument ?? '—')}</td>
                <td><pre>{JSON.stringify(event.data, null, 1)}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
