import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { QuotaLimits } from '../../../config/config';

const MAX_QUOTA = 1_000_000;

/** Replaces all three quotas of a tenant. */
export class SetQuotasDto implements QuotaLimits {
  @ApiProperty({ minimum: 0, maximum: MAX_QUOTA, example: 10, description: 'Clusters the tenant may hold at once' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUOTA)
  clusters: number;

  @ApiProperty({ minimum: 0, maximum: MAX_QUOTA, example: 100, description: 'Nodes across all its clusters' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUOTA)
  nodes: number;

  @ApiProperty({ minimum: 0, maximum: MAX_QUOTA, example: 50, description: 'Nodes in any one cluster' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUOTA)
  nodesPerCluster: number;
}
