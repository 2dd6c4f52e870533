import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/http';
import { CLUSTER_NAME, CLUSTER_STATUSES, ClusterStatus, RECOVERY_MODES, type RecoveryMode } from '../lifecycle';

export const MAX_NODES_PER_HOST_GROUP = 10_000;

export class HostGroupSizeDto {
  @ApiProperty({ example: 'worker' })
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiProperty({ minimum: 0, maximum: MAX_NODES_PER_HOST_GROUP, example: 3 })
  @IsInt()
  @Min(0)
  @Max(MAX_NODES_PER_HOST_GROUP)
  nodeCount: number;

  @ApiPropertyOptional({ example: 'medium', description: "One of the provider's instance types; default: the provider's defaultInstanceType, where it has one (GET /v1/providers)" })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  instanceType?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { image: 'herd/hadoop-sim:1' },
    description: "The provider's host group options, checked against its hostGroupOptionsSchema (GET /v1/providers); its pre-flight checks what the backend has (images, networks ...)",
  })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: RECOVERY_MODES,
    default: 'manual',
    description: 'auto: when a node of this host group stays lost (ERROR or missing), the monitor requests a repair; manual: only a user does',
  })
  @IsOptional()
  @IsIn(RECOVERY_MODES)
  recoveryMode?: RecoveryMode;
}

export class PartialFailureDto {
  @ApiProperty({ enum: ['exact', 'percentage', 'bestEffort'] })
  @IsIn(['exact', 'percentage', 'bestEffort'])
  policy: 'exact' | 'percentage' | 'bestEffort';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'For percentage: share of each host group that must run' })
  @ValidateIf((o: PartialFailureDto) => o.policy === 'percentage' || o.threshold !== undefined)
  @IsInt()
  @Min(1)
  @Max(100)
  threshold?: number;
}

export class CreateClusterDto {
  @ApiProperty({ example: 'analytics', description: 'Lower-case letters, digits and dashes; unique among your clusters' })
  @IsString()
  @Matches(CLUSTER_NAME, { message: 'must start with a letter and hold 1-63 lower-case letters, digits or dashes' })
  name: string;

  @ApiProperty({ description: 'Blueprint id or name' })
  @IsString()
  @MaxLength(200)
  blueprint: string;

  @ApiProperty({ description: 'Credential id or name' })
  @IsString()
  @MaxLength(200)
  credential: string;

  @ApiProperty({ type: [HostGroupSizeDto] })
  @ValidateNested({ each: true })
  @Type(() => HostGroupSizeDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  hostGroups: HostGroupSizeDto[];

  @ApiPropertyOptional({ enum: ['rollback', 'keep'], default: 'rollback' })
  @IsOptional()
  @IsIn(['rollback', 'keep'])
  onFailure?: 'rollback' | 'keep';

  @ApiPropertyOptional({ type: PartialFailureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartialFailureDto)
  partialFailure?: PartialFailureDto;
}

export class ScaleHostGroupDto {
  @ApiProperty({ minimum: 0, maximum: MAX_NODES_PER_HOST_GROUP })
  @IsInt()
  @Min(0)
  @Max(MAX_NODES_PER_HOST_GROUP)
  nodeCount: number;
}

export class ListClustersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLUSTER_STATUSES })
  @IsOptional()
  @IsIn(CLUSTER_STATUSES)
  status?: ClusterStatus;
}
