import { Inject, Injectable, Module } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { JOB_QUEUES, JOB_RETENTION } from '../../queue/job-catalogue';
import { JobQueues, JobQueuesModule } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import type { ClusterStatus } from '../lifecycle';
import { HealthSamples, ObservationModule } from '../observation';

const PROBE = 'cluster.probe';

/** The deterministic key of a cluster's repeatable probe: one scheduler per cluster, whoever adds it (no ":", which BullMQ reads as a legacy repeat key). */
export function probeSchedulerKey(clusterId: string): string {
  return `probe-${clusterId}`;
}

/** Adds and removes the repeatable health probe of each cluster (a BullMQ job scheduler); each call waits a bounded time for Redis. */
@Injectable()
export class MonitorSchedule {
  constructor(
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly queues: JobQueues,
    private readonly samples: HealthSamples,
  ) {}

  /** Probes an AVAILABLE cluster every interval; any other status stops its probe. */
  async follow(cluster: { id: string; tenantId: string }, status: ClusterStatus): Promise<void> {
    if (status === 'AVAILABLE') await this.schedule(cluster);
    else await this.unschedule(cluster.id, status === 'DELETED');
  }

  async schedule(cluster: { id: string; tenantId: string }): Promise<void> {
    const upsert = this.queue().upsertJobScheduler(
      probeSchedulerKey(cluster.id),
      { every: this.config.monitoring.intervalMs },
      { name: PROBE, data: { clusterId: cluster.id, tenantId: cluster.tenantId }, opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: JOB_RETENTION.removeOnFail } },
    );
    await withinRedisDeadline(upsert, 'the probe schedule');
  }

  /** With `forget`, the cluster's samples go too. */
  async unschedule(clusterId: string, forget = false): Promise<void> {
    await withinRedisDeadline(this.queue().removeJobScheduler(probeSchedulerKey(clusterId)), 'the probe schedule');
    if (forget) await withinRedisDeadline(this.samples.forget(clusterId), 'the health samples');
  }

  async isScheduled(clusterId: string): Promise<boolean> {
    return (await withinRedisDeadline(this.queue().getJobScheduler(probeSchedulerKey(clusterId)), 'the probe schedule')) !== undefined;
  }

  private queue() {
    return this.queues.queue(JOB_QUEUES[PROBE]);
  }
}

@Module({ imports: [ObservationModule, JobQueuesModule], providers: [MonitorSchedule], exports: [MonitorSchedule] })
export class MonitorScheduleModule {}
