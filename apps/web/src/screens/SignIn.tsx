import { FormEvent, useState } from 'react';
import { api, ApiError, rememberKey, Session } from '../api';

/** Sign in with an API key (in the embedded demo, one of the development keys `npm start` prints). */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api<Session>('/session', {}, key.trim());
      rememberKey(key.trim());
      onSignedIn(session);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? 'This key is not known.' : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>Custody reconciliation</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" autoFocus value={key} onChange={(event) => setKey(event.target.value)} required />
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p className="hint">Your key stays in this browser tab only and is forgotten when the tab closes.</p>
      </form>
    </main>
  );
}
