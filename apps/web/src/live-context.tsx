import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { FindingsChange, connectLive } from './live';

export interface LiveState {
  /** Grows with every change pushed (and every reconnect): screens read again when it moves. */
  readonly version: number;
  readonly connected: boolean;
  readonly latest: FindingsChange | null;
}

const LiveContext = createContext<LiveState>({ version: 0, connected: false, latest: null });

/** Subscribes once for the whole application while the user may see findings. */
export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [state, setState] = useState<LiveState>({ version: 0, connected: false, latest: null });
  useEffect(() => {
    if (!enabled) return undefined;
    return connectLive({
      onConnected: () => setState((previous) => ({ ...previous, connected: true, version: previous.version + 1 })),
      onChange: (change) => setState((previous) => ({ connected: true, latest: change, version: previous.version + 1 })),
      onDisconnected: () => setState((previous) => ({ ...previous, connected: false })),
    });
  }, [enabled]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export const useLive = () => useContext(LiveContext);
