import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import type { Cluster } from '../lifecycle';
import { ScaleRequests } from '../clusters';
import { ClusterEvents } from '../events';
import { type HealthFigures, type HealthSample, HealthSamples } from '../observation';
import { AUTOSCALING_METRICS } from './autoscaling-metrics';
import { AutoscalingPolicy } from './autoscaling-policy.entity';

/** What a policy would do now: the host group's next size and why. */
export interface PolicyDecision {
  policy: AutoscalingPolicy;
  from: number;
  to: number;
  /** e.g. `containersPending 24 above 10` */
  because: string;
}

/** The metric's value when it is past the policy's threshold in these figures. */
function crossed(policy: AutoscalingPolicy, figures: HealthFigures): number | undefined {
  const value = AUTOSCALING_METRICS[policy.metric]?.(figures);
  if (value === undefined) return undefined;
  return (policy.operator === 'above' ? value > policy.threshold : value < policy.threshold) ? value : undefined;
}

/**
 * Whether the condition has held for `forSeconds`: the unbroken run of samples (newest first) past
 * the threshold must have begun at least that long ago.
 */
export function heldFor(policy: AutoscalingPolicy, samples: HealthSample[], now: number): boolean {
  if (policy.forSeconds <= 0) return true;
  let since: number | undefined;
  for (const sample of samples) {
    if (crossed(policy, sample) === undefined) break;
    since = Date.parse(sample.at);
  }
  return since !== undefined && now - since >= policy.forSeconds * 1000;
}

/** The size a policy asks for given the latest figures, or undefined when it has nothing to do (duration and cooldown aside). */
export function decide(policy: AutoscalingPolicy, cluster: Pick<Cluster, 'hostGroups'>, figures: HealthFigures): PolicyDecision | undefined {
  const value = crossed(policy, figures);
  const group = cluster.hostGroups.find((candidate) => candidate.name === policy.hostGroup);
  if (value === undefined || !group) return undefined;
  const to = Math.min(policy.maxNodes, Math.max(policy.minNodes, group.nodeCount + policy.adjustment));
  if (to === group.nodeCount) return undefined;
  return { policy, from: group.nodeCount, to, because: `${policy.metric} ${Number(value.toFixed(2))} ${policy.operator} ${policy.threshold}` };
}

/**
 * Applies a cluster's autoscaling policies to the figures of a probe that was just recorded: the
 * first policy whose metric crossed its threshold (for `forSeconds`, by the kept samples), outside
 * its cooldown, requests a scale (checked
 * like a user's: cardinality, quota, one operation at a time). A refused scale becomes a warning event.
 */
@Injectable()
export class Autoscaler {
  private readonly logger = new Logger(Autoscaler.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scales: ScaleRequests,
    private readonly events: ClusterEvents,
    private readonly samples: HealthSamples,
  ) {}

  async consider(cluster: Cluster, figures: HealthFigures, now = Date.now()): Promise<PolicyDecision | undefined> {
    const policies = await this.db.getRepository(AutoscalingPolicy).find({ where: { clusterId: cluster.id, tenantId: cluster.tenantId, enabled: true }, order: { createdAt: 'ASC' } });
    let samples: HealthSample[] | undefined;
    for (const policy of policies) {
      const decision = decide(policy, cluster, figures);
      if (!decision) continue;
      if (policy.forSeconds > 0 && !heldFor(policy, (samples ??= await this.samples.recent(cluster.id)), now)) continue;
      if (!(await this.claim(policy))) continue;
      await this.apply(cluster, decision);
      return decision;
    }
    return undefined;
  }

  /** Starts the policy's cooldown unless it is running; one worker wins when two probes race. */
  private async claim(policy: AutoscalingPolicy): Promise<boolean> {
    const claimed = (await this.db.query(
      `UPDATE autoscaling_policies SET last_triggered_at = now()
        WHERE id = $1 AND (last_triggered_at IS NULL OR last_triggered_at <= now() - make_interval(secs => cooldown_seconds))
        RETURNING id`,
      [policy.id],
    )) as unknown[];
    return claimed.length > 0;
  }

  private async apply(cluster: Cluster, { policy, from, to, because }: PolicyDecision): Promise<void> {
    try {
      await this.scales.request({ tenantId: cluster.tenantId }, cluster, policy.hostGroup, to, `by autoscaling policy "${policy.name}" (${because})`);
      this.logger.log(`cluster ${cluster.id}: policy ${policy.name} scales ${policy.hostGroup} ${from} -> ${to} (${because})`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.events.record({
        clusterId: cluster.id,
        tenantId: cluster.tenantId,
        type: 'warning',
        message: `Autoscaling policy "${policy.name}" wanted ${policy.hostGroup} at ${to} nodes (${because}) but the scale was refused: ${error.message}`,
        data: { policyId: policy.id, from, to },
      });
    }
  }
}
