import { HealthBadge, StatusBadge } from '../components/badges';
import { ErrorNotice } from '../components/error-notice';
import { ok } from '../herd';
import { Link } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';

const REFRESH_MS = 3_000;

export function ClustersList() {
  const { herd } = useSession();
  const clusters = useResource('clusters', () => ok(herd.GET('/v1/clusters', { params: { query: { limit: 100 } } })), REFRESH_MS);

  return (
    <section aria-labelledby="clusters-title">
      <div className="title-row">
        <h1 id="clusters-title">Clusters</h1>
        <Link to="/clusters/new" className="button primary">
          New cluster
        </Link>
      </div>
      <ErrorNotice error={clusters.error} />
      {clusters.data && clusters.data.items.length === 0 && <p>No clusters yet.</p>}
      <ul className="cards" aria-label="clusters">
        {clusters.data?.items.map((cluster) => (
          <li key={cluster.id} className="card">
            <Link to={`/clusters/${cluster.id}`} className="card-title">
              {cluster.name}
            </Link>
            <span className="badges">
              <StatusBadge status={cluster.status} />
              <HealthBadge health={cluster.health} />
            </span>
            <span className="muted">
              {cluster.provider.kind}/{cluster.provider.variant} · {cluster.hostGroups.map((group) => `${group.name} ×${group.nodeCount}`).join(', ')}
            </span>
            {cluster.statusReason && <span className="muted">{cluster.statusReason}</span>}
          </li>
        ))}
      </ul>
      <p className="muted">Refreshed every {REFRESH_MS / 1000} s.</p>
    </section>
  );
}
