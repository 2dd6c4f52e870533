import { HealthBadge, StatusBadge } from '../components/badges';
import { ErrorNotice } from '../components/error-notice';
import { useClusterEvents } from '../cluster-events';
import { ok } from '../herd';
import { Link } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { ClusterActions } from './cluster-actions';
import { EventTimeline } from './event-timeline';
import { HealthCharts } from './health-charts';
import { HostGroups } from './host-groups';

const REFRESH_MS = 2_000;

export function ClusterPage({ clusterId }: { clusterId: string }) {
  const { herd } = useSession();
  const cluster = useResource(`cluster:${clusterId}`, () => ok(herd.GET('/v1/clusters/{idOrName}', { params: { path: { idOrName: clusterId } } })), REFRESH_MS);
  const providers = useResource('providers', () => ok(herd.GET('/v1/providers', { params: { query: { limit: 100 } } })));
  const { events, state } = useClusterEvents(herd, clusterId);
  const view = cluster.data;
  const provider = view && providers.data?.items.find((item) => item.kind === view.provider.kind && item.variant === view.provider.variant);

  return (
    <article aria-labelledby="cluster-title">
      <p>
        <Link to="/">← Clusters</Link>
      </p>
      <ErrorNotice error={cluster.error} />
      {view && (
        <>
          <div className="title-row">
            <h1 id="cluster-title">{view.name}</h1>
            <span className="badges">
              <StatusBadge status={view.status} />
              <HealthBadge health={view.health} />
            </span>
          </div>
          <p className="muted">
            {view.statusReason}
            {view.step ? ` · ${view.step}` : ''} · {view.provider.kind}/{view.provider.variant}
          </p>
          <ClusterActions cluster={view} canStopStart={provider?.capabilities.stopStart === true} onChanged={cluster.reload} />
          <HostGroups cluster={view} />
        </>
      )}
      <HealthCharts events={events} />
      <EventTimeline events={events} state={state} />
    </article>
  );
}
