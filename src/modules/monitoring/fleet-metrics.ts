import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource, Not } from 'typeorm';
import { QUEUE_NAMES } from '../../queue/job-catalogue';
import { JobQueues } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { Cluster, CLUSTER_HEALTHS } from '../lifecycle';
import { HealthSample, HealthSamples } from '../observation';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/**
 * The deployment's figures, the same whichever process reads them: clusters' health from
 * PostgreSQL and the monitor's samples, nodes, queues. Only the fleet exporter renders them.
 */
@Injectable()
export class FleetMetrics {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly samples: HealthSamples,
    private readonly queues: JobQueues,
  ) {}

  /** A registry built for this scrape alone, so a deleted cluster's series go with it. */
  async collect(): Promise<Registry> {
    const clusters = await this.db.getRepository(Cluster).find({ where: { status: Not('DELETED') }, select: { id: true, tenantId: true, name: true, health: true, status: true } });
    const label = (cluster: Cluster) => ({ cluster_id: cluster.id, cluster: cluster.name, tenant_id: cluster.tenantId });
    // What Redis holds is left out while Redis does not answer: the rest still renders, and herd_redis_up says why.
    let redisUp = true;
    const fromRedis = <T>(call: Promise<T>, what: string, fallback: T): Promise<T> =>
      withinRedisDeadline(call, what).catch(() => {
        redisUp = false;
        return fallback;
      });
    const [latest, nodes, queues] = await Promise.all([
      fromRedis(this.samples.latest(clusters.map((cluster) => cluster.id)), 'the health samples', new Map<string, HealthSample>()),
      this.db.query(`SELECT n.cluster_id, n.status, count(*)::int AS count FROM nodes n JOIN clusters c ON c.id = n.cluster_id WHERE c.status <> 'DELETED' GROUP BY n.cluster_id, n.status ORDER BY 1, 2`) as Promise<{ cluster_id: string; status: string; count: number }[]>,
      fromRedis(Promise.all(QUEUE_NAMES.map(async (name) => ({ name, counts: await this.queues.queue(name).getJobCounts(...QUEUE_STATES) }))), 'the queue counts', []),
    ]);
    const registry = new Registry();
    const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
    const perCluster = ['cluster_id', 'cluster', 'tenant_id'];
    const health = gauge('herd_cluster_health', 'The cluster\'s health as the monitor rolled it up: 1 for the current value', [...perCluster, 'health']);
    const status = gauge('herd_cluster_status', 'The cluster\'s lifecycle status: 1 for the current value', [...perCluster, 'status']);
    for (const cluster of clusters) {
      for (const value of CLUSTER_HEALTHS) health.set({ ...label(cluster), health: value }, cluster.health === value ? 1 : 0);
      status.set({ ...label(cluster), status: cluster.status }, 1);
    }
    const members = [
      ['herd_cluster_datanodes_live', 'Live DataNodes as the NameNode counted them at the last probe', 'DATANODE', 'live'],
      ['herd_cluster_datanodes_requested', 'DataNodes the cluster asks for', 'DATANODE', 'requested'],
      ['herd_cluster_nodemanagers_active', 'Active NodeManagers as the ResourceManager counted them at the last probe', 'NODEMANAGER', 'live'],
      ['herd_cluster_nodemanagers_requested', 'NodeManagers the cluster asks for', 'NODEMANAGER', 'requested'],
    ] as const;
    for (const [name, help, component, field] of members) {
      const figures = gauge(name, help, perCluster);
      for (const cluster of clusters) {
        const value = latest.get(cluster.id)?.members.find((member) => member.component === component)?.[field];
        if (value !== null && value !== undefined) figures.set(label(cluster), value);
      }
    }
    const byId = new Map(clusters.map((cluster) => [cluster.id, cluster]));
    const nodesByStatus = gauge('herd_cluster_nodes', 'Nodes by status, as last observed', [...perCluster, 'status']);
    for (const row of nodes) {
      const cluster = byId.get(row.cluster_id);
      if (cluster) nodesByStatus.set({ ...label(cluster), status: row.status }, row.count);
    }
    gauge('herd_redis_up', 'Whether Redis answered this scrape in time (queue and sample figures are missing when 0)', []).set(redisUp ? 1 : 0);
    const queueJobs = gauge('herd_queue_jobs', 'Jobs in each queue by state', ['queue', 'state']);
    for (const { name, counts } of queues) for (const state of QUEUE_STATES) queueJobs.set({ queue: name, state }, counts[state] ?? 0);
    return registry;
  }
}
