import { useEffect, useState } from 'react';
import { api } from './api';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * GET `path` and again whenever it or `refresh` changes (the live version, an action's count). The
 * previous data stays on screen while the next answer loads, so a live refresh does not flicker.
 */
export function useApi<T>(path: string | null, refresh: unknown = 0): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useEffect(() => {
    if (path === null) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    api<T>(path).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState((previous) => ({ data: previous.data, error: error.message, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [path, refresh]);
  return state;
}
