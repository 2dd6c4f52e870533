import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createHerdApp, HerdApp } from '../../src/bootstrap';
import { HerdRole, loadConfig } from '../../src/config/config';
import { ApiKeyService } from '../../src/modules/tenancy/api-key.service';
import type { Role } from '../../src/modules/tenancy/role';
import type { ProviderAdapter } from '../../src/providers/spi';
import { createIsolatedDatabase } from './isolated-database';

export interface TestApp {
  herd: HerdApp;
  /** Base URL of the listening API, e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  db: DataSource;
  /** Everything herd logged while the app ran. */
  logs: () => string;
  /** A fresh tenant with a key of the given role. */
  newTenant(role?: Role): Promise<TestTenant>;
  close(): Promise<void>;
}

export interface TestTenant {
  tenantId: string;
  key: string;
  /** Authorization header value. */
  auth: string;
  /** Another key of the same tenant with another role. */
  keyWithRole(role: Role): Promise<string>;
}

export interface TestAppOptions {
  role?: HerdRole;
  env?: Record<string, string>;
  /** Provider adapters registered beside the built-ins, with the same checks. */
  adapters?: ProviderAdapter[];
  /**
   * A migrated database of the app's own, dropped on close. For files whose monitor runs fast: at
   * boot the monitor takes over every AVAILABLE cluster in its database, including other files'.
   */
  ownDatabase?: boolean;
}

export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/** A unique Redis prefix for this test file, so queues never cross between files or runs. */
export function testRedisPrefix(): string {
  return `herd-test-${randomBytes(4).toString('hex')}`;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const captured: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      captured.push(chunk.toString());
      done();
    },
  });
  const database = options.ownDatabase ? await createIsolatedDatabase('app') : undefined;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database?.url ?? testDatabaseUrl(),
    HERD_REDIS_PREFIX: testRedisPrefix(),
    HERD_ROLE: options.role ?? 'all',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PORT: '0',
    // Tests poll and loop with one key; the rate limit is tested on its own, with its own settings.
    HERD_RATE_LIMIT_PER_MINUTE: '1000000',
    HERD_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    ...options.env,
  });
  const herd = await createHerdApp({ config, logDestination: logDestination as never, runMigrations: false, providerAdapters: options.adapters }).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  await herd.http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(herd.http.getHttpServer().address() as AddressInfo).port}`;
  const db = herd.context.get(DataSource);
  const apiKeys = herd.context.get(ApiKeyService);
  return {
    herd,
    baseUrl,
    db,
    logs: () => captured.join(''),
    async newTenant(role: Role = 'member') {
      const [tenant] = await db.query(`INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [`t-${randomUUID()}`]);
      const tenantId = tenant.id as string;
      const issued = await apiKeys.issue(tenantId, role, null);
      return {
        tenantId,
        key: issued.secret,
        auth: `Bearer ${issued.secret}`,
        keyWithRole: async (other: Role) => (await apiKeys.issue(tenantId, other, null)).secret,
      };
    },
    close: async () => {
      await herd.close();
      await database?.drop();
    },
  };
}
