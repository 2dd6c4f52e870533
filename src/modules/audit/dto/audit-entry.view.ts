import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from '../audit-entry.entity';

export class AuditEntryView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid', nullable: true }) tenantId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) apiKeyId: string | null;
  @ApiProperty({ nullable: true, example: 'herd_Ab3dE6g' }) keyPrefix: string | null;
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ nullable: true, example: '/v1/tenants/:id/api-keys' }) route: string | null;
  @ApiProperty({ example: '/v1/tenants/0b5e…/api-keys' }) path: string;
  @ApiProperty({ nullable: true }) targetId: string | null;
  @ApiProperty({ example: 201 }) status: number;
  @ApiProperty() correlationId: string;
  @ApiProperty({ nullable: true }) clientIp: string | null;
  @ApiProperty() durationMs: number;
}


export function auditEntryView(entry: AuditEntry): AuditEntryView {
  return { ...entry, at: entry.at.toISOString() };
}
