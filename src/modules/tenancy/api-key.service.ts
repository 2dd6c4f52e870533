import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NotFound } from '../../common/errors';
import { Page, PageQuery, pageOf } from '../../common/http';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { ApiKey } from './api-key.entity';
import { ApiKeyCache } from './api-key-cache';
import { generateApiKey, hashApiKey, prefixOf } from './api-key-hash';
import type { Principal } from './principal';
import type { Role } from './role';
import { assertUuid } from './tenant-access';
import { Tenant } from './tenant.entity';

export const DEFAULT_TENANT = 'default';

@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly cache = new ApiKeyCache();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.bootstrapAdminKey) await this.ensureBootstrapAdmin(this.config.bootstrapAdminKey);
  }

  /** Resolves a presented key to its principal, or undefined when unknown, revoked or expired. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const keyHash = hashApiKey(presented);
    const cached = this.cache.get(keyHash);
    if (cached) return principalOf(cached);
    const key = await this.db.getRepository(ApiKey).findOneBy({ keyHash });
    if (key) this.cache.set(keyHash, key);
    return principalOf(key);
  }

  /** The principal of a live key found by its id (a stream token names its key by id). */
  async principalOfKey(keyId: string): Promise<Principal | undefined> {
    return principalOf(await this.db.getRepository(ApiKey).findOneBy({ id: keyId }));
  }

  async list(tenantId: string, query: PageQuery): Promise<Page<ApiKey>> {
    const [items, total] = await this.db.getRepository(ApiKey).findAndCount({ where: { tenantId }, order: { createdAt: 'DESC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return pageOf(items, total, query);
  }

  /** A key of the tenant; 404 when the id is not one, whichever tenant it belongs to. */
  async get(tenantId: string, keyId: string): Promise<ApiKey> {
    assertUuid('API key', keyId);
    const key = await this.db.getRepository(ApiKey).findOneBy({ tenantId, id: keyId });
    if (!key) throw new NotFound('API key', keyId);
    return key;
  }

  /** Revoking is final and idempotent: the row stays for the audit trail. */
  async revoke(key: ApiKey): Promise<void> {
    await this.db.getRepository(ApiKey).update({ id: key.id, tenantId: key.tenantId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.forgetKey(key.id);
  }

  async issue(tenantId: string, role: Role, expiresAt: Date | null): Promise<{ key: ApiKey; secret: string }> {
    const secret = generateApiKey();
    const key = await this.db.getRepository(ApiKey).save({ tenantId, role, keyHash: hashApiKey(secret), keyPrefix: prefixOf(secret), expiresAt, revokedAt: null });
    return { key, secret };
  }

  private async ensureBootstrapAdmin(secret: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tenants (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [DEFAULT_TENANT]);
      const tenant = await tx.getRepository(Tenant).findOneByOrFail({ name: DEFAULT_TENANT });
      const inserted = await tx.query(
        `INSERT INTO api_keys (tenant_id, role, key_hash, key_prefix) VALUES ($1, 'admin', $2, $3) ON CONFLICT (key_hash) DO NOTHING RETURNING id`,
        [tenant.id, hashApiKey(secret), prefixOf(secret)],
      );
      if (inserted.length > 0) this.logger.log(`bootstrap admin key ${prefixOf(secret)}… registered for tenant "${DEFAULT_TENANT}"`);
    });
  }
}

function principalOf(key: ApiKey | null): Principal | undefined {
  if (!key || key.revokedAt) return undefined;
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) return undefined;
  return { tenantId: key.tenantId, role: key.role, apiKeyId: key.id, keyPrefix: key.keyPrefix };
}
