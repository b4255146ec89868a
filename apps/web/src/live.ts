import { authHeaders } from './api';

/** What GET /live/findings pushes when exceptions or collateralization change. */
export interface FindingsChange {
  readonly exceptions: ReadonlyArray<{ exceptionId: string; assetId: string; breakType: string; severity: string; status: string; version: number }>;
  readonly more: number;
  readonly collateralizationChanged: boolean;
}

export interface LiveHandlers {
  /** Connected (again): whatever was shown may be stale, so read it again. */
  readonly onConnected: () => void;
  readonly onChange: (change: FindingsChange) => void;
  readonly onDisconnected: () => void;
}

/**
 * Reads the server-sent events with fetch, so the key travels in a header, not in the URL as
 * EventSource would need. Reconnects after a drop, waiting a little longer each time (up to 10 s).
 * Returns the function that stops it.
 */
export function connectLive(handlers: LiveHandlers): () => void {
  const controller = new AbortController();
  let delay = 500;
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/live/findings', { headers: { ...authHeaders(), Accept: 'text/event-stream' }, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`live feed: HTTP ${response.status}`);
        await readEvents(response.body, (type, data) => {
          if (type === 'ready') {
            delay = 500;
            handlers.onConnected();
          } else if (type === 'findings') handlers.onChange(JSON.parse(data) as FindingsChange);
        });
      } catch {
        // Dropped or refused: shown as offline, tried again below.
      }
      if (controller.signal.aborted) return;
      handlers.onDisconnected();
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
  return () => controller.abort();
}

/** The text/event-stream format: blocks separated by a blank line, `event:` and `data:` fields. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (type: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const field = (name: string) => lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ''));
      onEvent(field('event')[0] ?? 'message', field('data').join('\n'));
    }
  }
}
