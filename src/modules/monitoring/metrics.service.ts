import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { QUEUE_NAMES } from '../../queue/job-catalogue';
import { JobQueues } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { Cluster, CLUSTER_HEALTHS } from '../lifecycle';
import { HealthSample, HealthSamples } from '../observation';
import { PrometheusText } from './prometheus-text';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** herd's figures for Prometheus: clusters' health from PostgreSQL and the monitor's samples, operations, queues. */
@Injectable()
export class MetricsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly samples: HealthSamples,
    private readonly queues: JobQueues,
  ) {}

  async render(): Promise<string> {
    const clusters = await this.db.getRepository(Cluster).find({ where: { status: Not('DELETED') }, select: { id: true, tenantId: true, name: true, health: true, status: true } });
    const label = (cluster: Cluster) => ({ cluster_id: cluster.id, cluster: cluster.name, tenant_id: cluster.tenantId });
    // What Redis holds is left out while Redis does not answer: the rest still renders, and herd_redis_up says why.
    let redisUp = true;
    const fromRedis = <T>(call: Promise<T>, what: string, fallback: T): Promise<T> =>
      withinRedisDeadline(call, what).catch(() => {
        redisUp = false;
        return fallback;
      });
    const [latest, nodes, operations, queues] = await Promise.all([
      fromRedis(this.samples.latest(clusters.map((cluster) => cluster.id)), 'the health samples', new Map<string, HealthSample>()),
      this.db.query(`SELECT n.cluster_id, n.status, count(*)::int AS count FROM nodes n JOIN clusters c ON c.id = n.cluster_id WHERE c.status <> 'DELETED' GROUP BY n.cluster_id, n.status ORDER BY 1, 2`) as Promise<{ cluster_id: string; status: string; count: number }[]>,
      this.db.query(`SELECT type, status, count(*)::int AS count FROM operations GROUP BY type, status ORDER BY 1, 2`) as Promise<{ type: string; status: string; count: number }[]>,
      fromRedis(Promise.all(QUEUE_NAMES.map(async (name) => ({ name, counts: await this.queues.queue(name).getJobCounts(...QUEUE_STATES) }))), 'the queue counts', []),
    ]);
    const byId = new Map(clusters.map((cluster) => [cluster.id, cluster]));
    const member = (component: string, field: 'live' | 'requested') =>
      clusters.flatMap((cluster) => {
        const figure = latest.get(cluster.id)?.members.find((m) => m.component === component);
        return figure && figure[field] !== null ? [{ labels: label(cluster), value: figure[field] as number }] : [];
      });
    return new PrometheusText()
      .gauge('herd_cluster_health', 'The cluster\'s health as the monitor rolled it up: 1 for the current value', clusters.flatMap((cluster) => CLUSTER_HEALTHS.map((health) => ({ labels: { ...label(cluster), health }, value: cluster.health === health ? 1 : 0 }))))
      .gauge('herd_cluster_status', 'The cluster\'s lifecycle status: 1 for the current value', clusters.map((cluster) => ({ labels: { ...label(cluster), status: cluster.status }, value: 1 })))
      .gauge('herd_cluster_datanodes_live', 'Live DataNodes as the NameNode counted them at the last probe', member('DATANODE', 'live'))
      .gauge('herd_cluster_datanodes_requested', 'DataNodes the cluster asks for', member('DATANODE', 'requested'))
      .gauge('herd_cluster_nodemanagers_active', 'Active NodeManagers as the ResourceManager counted them at the last probe', member('NODEMANAGER', 'live'))
      .gauge('herd_cluster_nodemanagers_requested', 'NodeManagers the cluster asks for', member('NODEMANAGER', 'requested'))
      .gauge('herd_cluster_nodes', 'Nodes by status, as last observed', nodes.filter((row) => byId.has(row.cluster_id)).map((row) => ({ labels: { ...label(byId.get(row.cluster_id)!), status: row.status }, value: row.count })))
      .gauge('herd_operations', 'Operations by type and status', operations.map((row) => ({ labels: { type: row.type, status: row.status }, value: row.count })))
      .gauge('herd_redis_up', 'Whether Redis answered this scrape in time (queue and sample figures are missing when 0)', [{ value: redisUp ? 1 : 0 }])
      .gauge('herd_queue_jobs', 'Jobs in each queue by state', queues.flatMap(({ name, counts }) => QUEUE_STATES.map((state) => ({ labels: { queue: name, state }, value: counts[state] ?? 0 }))))
      .toString();
  }
}
