import { ApiProperty } from '@nestjs/swagger';
import type { ApiKey } from '../api-key.entity';
import { Role, ROLES } from '../role';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** An API key as listed: never the key itself, only its prefix. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ example: 'herd_Ab3dE6g', description: 'The first characters of the key, to tell keys apart' }) prefix: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: ApiKeyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: the key never expires' }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The answer to creating a key: the only time the key is shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ example: 'herd_Ab3dE6gQ…', description: 'The key: shown once, store it now' }) key: string;
}


export function apiKeyView(key: ApiKey, now = new Date()): ApiKeyView {
  return {
    id: key.id,
    tenantId: key.tenantId,
    role: key.role,
    prefix: key.keyPrefix,
    status: statusOf(key, now),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

function statusOf(key: ApiKey, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
