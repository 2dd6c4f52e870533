import { ErrorNotice } from '../components/error-notice';
import { ok } from '../herd';
import { Link } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';

export function Blueprints() {
  const { herd } = useSession();
  const blueprints = useResource('blueprints', () => ok(herd.GET('/v1/blueprints', { params: { query: { limit: 100 } } })));
  return (
    <section aria-labelledby="blueprints-title">
      <h1 id="blueprints-title">Blueprints</h1>
      <ErrorNotice error={blueprints.error} />
      <ul className="cards" aria-label="blueprints">
        {blueprints.data?.items.map((blueprint) => (
          <li key={blueprint.id} className="card">
            <Link to={`/blueprints/${blueprint.id}`} className="card-title">
              {blueprint.name}
            </Link>
            {blueprint.builtIn && <span className="badge badge-idle">built-in</span>}
            {blueprint.description && <span>{blueprint.description}</span>}
            <span className="muted">{blueprint.hostGroups.map((group) => `${group.name} (${group.cardinality ?? 'any'})`).join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BlueprintPage({ blueprintId }: { blueprintId: string }) {
  const { herd } = useSession();
  const blueprint = useResource(`blueprint:${blueprintId}`, () => ok(herd.GET('/v1/blueprints/{idOrName}', { params: { path: { idOrName: blueprintId } } })));
  return (
    <article aria-labelledby="blueprint-title">
      <p>
        <Link to="/blueprints">← Blueprints</Link>
      </p>
      <ErrorNotice error={blueprint.error} />
      {blueprint.data && (
        <>
          <h1 id="blueprint-title">{blueprint.data.name}</h1>
          <pre className="json" tabIndex={0} aria-label="blueprint as JSON">
            {JSON.stringify(blueprint.data, null, 2)}
          </pre>
        </>
      )}
    </article>
  );
}
