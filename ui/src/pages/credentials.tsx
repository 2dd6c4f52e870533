import { ErrorNotice } from '../components/error-notice';
import { ok, type Schemas } from '../herd';
import { useSession } from '../session';
import { useResource } from '../use-resource';

/** The parameters without any secret field: the API masks them, and the page does not show even the mask. */
function publicParameters(credential: Schemas['CredentialView']): Record<string, unknown> {
  const copy = structuredClone(credential.parameters) as Record<string, unknown>;
  for (const path of credential.secretFields) {
    const keys = path.split('.');
    let holder: unknown = copy;
    for (const key of keys.slice(0, -1)) holder = holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined;
    if (holder && typeof holder === 'object') delete (holder as Record<string, unknown>)[keys[keys.length - 1]];
  }
  return copy;
}

export function Credentials() {
  const { herd } = useSession();
  const credentials = useResource('credentials', () => ok(herd.GET('/v1/credentials', { params: { query: { limit: 100 } } })));
  return (
    <section aria-labelledby="credentials-title">
      <h1 id="credentials-title">Credentials</h1>
      <ErrorNotice error={credentials.error} />
      {credentials.data?.items.length === 0 && <p>No credentials yet; create one with <code>POST /v1/credentials</code>.</p>}
      <ul className="cards" aria-label="credentials">
        {credentials.data?.items.map((credential) => (
          <li key={credential.id} className="card">
            <span className="card-title">{credential.name}</span>
            <span className="muted">
              {credential.provider}/{credential.variant}
            </span>
            {credential.secretFields.length > 0 && <span>Secrets set (never shown): {credential.secretFields.join(', ')}</span>}
            <pre className="json" tabIndex={0} aria-label={`parameters of ${credential.name}`}>
              {JSON.stringify(publicParameters(credential), null, 2)}
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
