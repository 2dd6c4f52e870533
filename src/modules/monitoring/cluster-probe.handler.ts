import { Injectable } from '@nestjs/common';
import type { ClusterProbePayload, JobHandler } from '../../queue/job-catalogue';
import { HandlesJobs } from '../../queue/job-workers';
import { ClusterMonitor } from './cluster-monitor';

@Injectable()
@HandlesJobs()
export class ClusterProbeHandler implements JobHandler<'cluster.probe'> {
  readonly jobName = 'cluster.probe' as const;

  constructor(private readonly monitor: ClusterMonitor) {}

  async handle(payload: ClusterProbePayload): Promise<void> {
    await this.monitor.probe(payload.clusterId);
  }
}
