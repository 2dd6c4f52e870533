import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, NotEquals } from 'class-validator';
import { MAX_NODES_PER_HOST_GROUP } from '../clusters';
import { AUTOSCALING_METRIC_NAMES, type AutoscalingMetric } from './autoscaling-metrics';
import { POLICY_OPERATORS, type PolicyOperator } from './autoscaling-policy.entity';

export class CreateAutoscalingPolicyDto {
  @ApiProperty({ example: 'grow-when-busy' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'must be 1 to 64 letters, digits, dots, dashes or underscores' })
  name: string;

  @ApiProperty({ example: 'worker' })
  @IsString()
  hostGroup: string;

  @ApiProperty({ enum: AUTOSCALING_METRIC_NAMES, example: 'containersPending' })
  @IsIn(AUTOSCALING_METRIC_NAMES)
  metric: AutoscalingMetric;

  @ApiProperty({ enum: POLICY_OPERATORS, example: 'above' })
  @IsIn(POLICY_OPERATORS)
  operator: PolicyOperator;

  @ApiProperty({ example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  threshold: number;

  @ApiProperty({ example: 2, description: 'Nodes to add (positive) or remove (negative) each time the policy fires' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_NODES_PER_HOST_GROUP)
  @Max(MAX_NODES_PER_HOST_GROUP)
  adjustment: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(0)
  @Max(MAX_NODES_PER_HOST_GROUP)
  minNodes: number;

  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(0)
  @Max(MAX_NODES_PER_HOST_GROUP)
  maxNodes: number;

  @ApiPropertyOptional({ default: 300, description: 'Seconds after the policy fired during which it does not fire again' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  cooldownSeconds?: number;

  @ApiPropertyOptional({ default: 0, description: 'Seconds the condition must hold at every probe before the policy fires; the monitor must keep samples that long' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  forSeconds?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
