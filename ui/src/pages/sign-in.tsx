import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { herdFor, ok, type Schemas } from '../herd';

/** Asks for an API key and checks it with `GET /v1/me` before keeping it. */
export function SignIn({ onSignedIn, initialError }: { onSignedIn: (key: string, me: Schemas['MeView']) => void; initialError?: unknown }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(initialError);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(key.trim(), await ok(herdFor(key.trim()).GET('/v1/me')));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>herd</h1>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" required value={key} onChange={(event) => setKey(event.target.value)} />
        <p className="muted">Kept in this tab only (session storage) until you sign out.</p>
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
        <ErrorNotice error={error} />
      </form>
    </main>
  );
}
