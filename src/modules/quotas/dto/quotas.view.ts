import { ApiProperty } from '@nestjs/swagger';

class QuotaLimitsView {
  @ApiProperty() clusters: number;
  @ApiProperty() nodes: number;
  @ApiProperty() nodesPerCluster: number;
}

class QuotaUsageView {
  @ApiProperty() clusters: number;
  @ApiProperty() nodes: number;
}

export class QuotasView {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ type: QuotaLimitsView }) limits: QuotaLimitsView;
  @ApiProperty({ enum: ['default', 'tenant'], description: 'default: the configured defaults apply; tenant: set for this tenant' }) source: 'default' | 'tenant';
  @ApiProperty({ type: QuotaUsageView }) usage: QuotaUsageView;
}
