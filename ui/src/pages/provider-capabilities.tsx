import type { Schemas } from '../herd';

/** What the chosen credential's provider can do, from `GET /v1/providers`. */
export function ProviderCapabilities({ provider }: { provider: Schemas['ProviderView'] }) {
  return (
    <section className="capabilities" aria-label="provider capabilities">
      <h2>
        {provider.displayName} <span className="muted">({provider.kind}/{provider.variant})</span>
      </h2>
      <dl>
        {Object.entries(provider.capabilities).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
