import { ApiProperty } from '@nestjs/swagger';
import type { Tenant } from '../tenant.entity';

export class TenantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'analytics-team' }) name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}


export function tenantView(tenant: Tenant): TenantView {
  return { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt.toISOString() };
}
