import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from '../audit-entry.entity';

export class AuditEntryView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null when no valid key was presented' }) tenantId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) apiKeyId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'herd_Ab3dE6g' }) keyPrefix: string | null;
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ type: String, nullable: true, example: '/v1/tenants/:id/api-keys', description: 'The route template; null when no route matched' }) route: string | null;
  @ApiProperty({ example: '/v1/tenants/0b5e…/api-keys' }) path: string;
  @ApiProperty({ type: String, nullable: true, description: "The object acted on: the created object's id, or the route's last path parameter" }) targetId: string | null;
  @ApiProperty({ example: 201, description: 'The status answered; 499 when the client went away first' }) status: number;
  @ApiProperty() correlationId: string;
  @ApiProperty({ type: String, nullable: true, example: '127.0.0.1' }) clientIp: string | null;
  @ApiProperty() durationMs: number;
}


export function auditEntryView(entry: AuditEntry): AuditEntryView {
  return { ...entry, at: entry.at.toISOString() };
}
