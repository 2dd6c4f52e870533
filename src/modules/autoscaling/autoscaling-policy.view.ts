import { ApiProperty } from '@nestjs/swagger';
import { AUTOSCALING_METRIC_NAMES, type AutoscalingMetric } from './autoscaling-metrics';
import { type AutoscalingPolicy, POLICY_OPERATORS, type PolicyOperator } from './autoscaling-policy.entity';

/** A policy as stored, with the defaults it was given. */
export class AutoscalingPolicyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ example: 'grow-when-busy' }) name: string;
  @ApiProperty({ example: 'worker' }) hostGroup: string;
  @ApiProperty({ enum: AUTOSCALING_METRIC_NAMES, example: 'containersPending' }) metric: AutoscalingMetric;
  @ApiProperty({ enum: POLICY_OPERATORS, example: 'above' }) operator: PolicyOperator;
  @ApiProperty({ example: 10 }) threshold: number;
  @ApiProperty({ example: 2, description: 'Nodes added (positive) or removed (negative) each time the policy fires' }) adjustment: number;
  @ApiProperty({ example: 2 }) minNodes: number;
  @ApiProperty({ example: 10 }) maxNodes: number;
  @ApiProperty({ example: 300 }) cooldownSeconds: number;
  @ApiProperty({ example: 0 }) forSeconds: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When the policy last fired; null when it never did' }) lastTriggeredAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export function autoscalingPolicyView(policy: AutoscalingPolicy): AutoscalingPolicyView {
  return {
    id: policy.id,
    tenantId: policy.tenantId,
    clusterId: policy.clusterId,
    name: policy.name,
    hostGroup: policy.hostGroup,
    metric: policy.metric,
    operator: policy.operator,
    threshold: policy.threshold,
    adjustment: policy.adjustment,
    minNodes: policy.minNodes,
    maxNodes: policy.maxNodes,
    cooldownSeconds: policy.cooldownSeconds,
    forSeconds: policy.forSeconds,
    enabled: policy.enabled,
    lastTriggeredAt: policy.lastTriggeredAt,
    createdAt: policy.createdAt,
  };
}
