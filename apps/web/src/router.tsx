import { createContext, MouseEvent, ReactNode, useContext, useEffect, useState } from 'react';

// A few screens need no routing library: the path under /app, the query string, and history.
const BASE = '/app';

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

const current = (): Location => ({ path: window.location.pathname.slice(BASE.length) || '/', query: new URLSearchParams(window.location.search) });

const RouterContext = createContext<{ location: Location; navigate: (to: string, replace?: boolean) => void }>({ location: current(), navigate: () => undefined });

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string, replace = false) => {
    window.history[replace ? 'replaceState' : 'pushState'](null, '', `${BASE}${to}`);
    setLocation(current());
  };
  return <RouterContext.Provider value={{ location, navigate }}>{children}</RouterContext.Provider>;
}

export const useRouter = () => useContext(RouterContext);

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
