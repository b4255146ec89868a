import { useEffect, useState } from 'react';
import { api, forgetKey, hasRole, Session, storedKey } from './api';
import { LiveProvider, useLive } from './live-context';
import { Link, useRouter } from './router';
import { Audit } from './screens/Audit';
import { Changes } from './screens/Changes';
import { Dashboard } from './screens/Dashboard';
import { ExceptionDetail } from './screens/ExceptionDetail';
import { Positions } from './screens/Positions';
import { defaultQueuePath, Queue } from './screens/Queue';
import { Reference } from './screens/Reference';
import { SignIn } from './screens/SignIn';
import { Upload } from './screens/Upload';
import { SessionContext } from './session-context';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(storedKey() !== null);
  // A reload keeps the tab's key: ask the API who it belongs to again rather than trusting a stored role.
  useEffect(() => {
    if (!storedKey()) return;
    api<Session>('/session').then(setSession, forgetKey).finally(() => setChecking(false));
  }, []);
  if (checking) return <p className="loading">Signing in…</p>;
  if (!session) return <SignIn onSignedIn={setSession} />;
  const signOut = () => {
    forgetKey();
    setSession(null);
  };
  return (
    <SessionContext.Provider value={session}>
      <LiveProvider enabled={hasRole(session, 'operator', 'approver', 'auditor')}>
        <Shell session={session} onSignOut={signOut} />
      </LiveProvider>
    </SessionContext.Provider>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { location } = useRouter();
  const live = useLive();
  const queueRoles = hasRole(session, 'operator', 'approver', 'auditor');
  const nav: Array<[string, string, boolean]> = [
    ['/', 'Dashboard', true],
    [defaultQueuePath(), 'Exceptions', queueRoles],
    ['/changes', 'Pending changes', queueRoles],
    ['/reference', 'Reference data', queueRoles],
    ['/positions', 'Positions', queueRoles || hasRole(session, 'regulator')],
    ['/upload', 'Statement upload', hasRole(session, 'operator')],
    ['/audit', 'Audit', queueRoles],
  ];
  const active = (to: string) => {
    const path = to.split('?')[0]!;
    return path === '/' ? location.path === '/' : location.path.startsWith(path) || (path === '/queue' && location.path.startsWith('/exceptions'));
  };
  return (
    <>
      <header className="top">
        <span className="brand">Custody reconciliation</span>
        <nav aria-label="Main">
          {nav.filter(([, , shown]) => shown).map(([to, label]) => (
            <Link key={to} to={to} className={active(to) ? 'active' : ''}>
              {label}
            </Link>
          ))}
        </nav>
        {queueRoles && (
          <span className={`live ${live.connected ? 'on' : 'off'}`} data-testid="live-status" title="Findings arrive by server-sent events">
            {live.connected ? 'live' : 'offline'}
          </span>
        )}
        <span className="who" data-testid="signed-in-user">
          {session.user} ({session.roles.join(', ')})
        </span>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>
        <Screen path={location.path} />
      </main>
    </>
  );
}

function Screen({ path }: { path: string }) {
  if (path === '/') return <Dashboard />;
  if (path === '/queue') return <Queue />;
  if (path.startsWith('/exceptions/')) return <ExceptionDetail exceptionId={decodeURIComponent(path.slice('/exceptions/'.length))} />;
  if (path === '/changes') return <Changes />;
  if (path === '/reference') return <Reference />;
  if (path === '/positions') return <Positions />;
  if (path === '/upload') return <Upload />;
  if (path === '/audit') return <Audit />;
  return <p>Nothing here. <Link to="/">Back to the dashboard</Link></p>;
}
