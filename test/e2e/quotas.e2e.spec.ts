import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors/domain-error';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import type { QuotaUsage } from '../../src/modules/quotas/quota-check';
import { QuotaService } from '../../src/modules/quotas/quota.service';
import type { UsageCounter } from '../../src/modules/quotas/usage-counter';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** Stands in for the clusters module's count, which does not exist yet. */
class FixedUsage implements UsageCounter {
  constructor(private readonly fixed: QuotaUsage) {}
  async usage(): Promise<QuotaUsage> {
    return this.fixed;
  }
}

async function refusal(check: Promise<void>): Promise<DomainError> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('QUOTA_EXCEEDED');
  return error as DomainError;
}

describe('quotas', () => {
  let app: TestApp;
  let admin: TestTenant;
  let member: TestTenant;
  let other: TestTenant;
  let config: HerdConfig;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_QUOTA_CLUSTERS: '4', HERD_QUOTA_NODES: '20', HERD_QUOTA_NODES_PER_CLUSTER: '8' } });
    admin = await app.newTenant('admin');
    member = await app.newTenant('member');
    other = await app.newTenant('member');
    config = app.herd.context.get(HERD_CONFIG);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('API', () => {
    it('shows a tenant its configured defaults and what it uses', async () => {
      const res = await http().get(`/v1/tenants/${member.tenantId}/quotas`).set('Authorization', member.auth).expect(200);
      expect(res.body).toEqual({ tenantId: member.tenantId, limits: { clusters: 4, nodes: 20, nodesPerCluster: 8 }, source: 'default', usage: { clusters: 0, nodes: 0 } });
      await http().get(`/v1/tenants/${other.tenantId}/quotas`).set('Authorization', member.auth).expect(404);
    });

    it('lets an admin set and reset them, and nobody else', async () => {
      const path = `/v1/tenants/${member.tenantId}/quotas`;
      const limits = { clusters: 2, nodes: 6, nodesPerCluster: 3 };
      await http().put(path).set('Authorization', member.auth).send(limits).expect(403);
      const set = await http().put(path).set('Authorization', admin.auth).send(limits).expect(200);
      expect(set.body).toMatchObject({ limits, source: 'tenant' });
      const seen = await http().get(path).set('Authorization', member.auth).expect(200);
      expect(seen.body.limits).toEqual(limits);
      const reset = await http().delete(path).set('Authorization', admin.auth).expect(200);
      expect(reset.body).toMatchObject({ limits: { clusters: 4, nodes: 20, nodesPerCluster: 8 }, source: 'default' });
      await http().put(`/v1/tenants/00000000-0000-4000-8000-000000000000/quotas`).set('Authorization', admin.auth).send(limits).expect(404);
    });

    it('refuses bad quota values naming the field', async () => {
      const path = `/v1/tenants/${member.tenantId}/quotas`;
      const cases: [object, string][] = [
        [{ clusters: -1, nodes: 1, nodesPerCluster: 1 }, 'clusters'],
        [{ clusters: 1, nodes: 1.5, nodesPerCluster: 1 }, 'nodes'],
        [{ clusters: 1, nodes: 1, nodesPerCluster: '3' }, 'nodesPerCluster'],
        [{ clusters: 1, nodes: 1, nodesPerCluster: 2_000_000 }, 'nodesPerCluster'],
        [{ clusters: 1, nodes: 1 }, 'nodesPerCluster'],
      ];
      for (const [body, field] of cases) {
        const res = await http().put(path).set('Authorization', admin.auth).send(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  describe('QuotaService.assertWithin', () => {
    it("accepts the request that fits the tenant's quotas and refuses the one that would exceed them", async () => {
      await http().put(`/v1/tenants/${member.tenantId}/quotas`).set('Authorization', admin.auth).send({ clusters: 2, nodes: 6, nodesPerCluster: 3 }).expect(200);
      const quotas = app.herd.context.get(QuotaService);
      const scope = { tenantId: member.tenantId };
      await quotas.assertWithin(scope, { clusters: 1, nodes: 3, nodesPerCluster: 3 });
      const tooBig = await refusal(quotas.assertWithin(scope, { clusters: 1, nodes: 4, nodesPerCluster: 4 }));
      expect(tooBig.message).toBe('Quota exceeded: nodes per cluster: 4 requested exceeds the 3 allowed');
      expect(tooBig.details).toEqual([{ field: 'quotas.nodesPerCluster', reason: '4 requested exceeds the 3 allowed' }]);
      // Another tenant still has the defaults.
      await quotas.assertWithin({ tenantId: other.tenantId }, { clusters: 1, nodes: 8, nodesPerCluster: 8 });
    });

    it('counts what the tenant already holds', async () => {
      const countingWith = (counter: FixedUsage) => {
        const service = new QuotaService(app.db, config);
        service.countWith(counter);
        return service;
      };
      const quotas = countingWith(new FixedUsage({ clusters: 1, nodes: 4 }));
      const scope = { tenantId: member.tenantId };
      await quotas.assertWithin(scope, { clusters: 1, nodes: 2, nodesPerCluster: 2 });
      const error = await refusal(quotas.assertWithin(scope, { clusters: 1, nodes: 3, nodesPerCluster: 3 }));
      expect(error.message).toBe('Quota exceeded: nodes in total: 4 in use + 3 requested would exceed the 6 allowed');
      const full = countingWith(new FixedUsage({ clusters: 2, nodes: 4 }));
      expect((await refusal(full.assertWithin(scope, { clusters: 1, nodes: 1, nodesPerCluster: 1 }))).message).toBe(
        'Quota exceeded: clusters: 2 in use + 1 requested would exceed the 2 allowed',
      );
      await full.assertWithin(scope, { nodes: 2, nodesPerCluster: 3 });
    });

    it('serialises checks of one tenant inside transactions', async () => {
      const quotas = app.herd.context.get(QuotaService);
      const scope = { tenantId: member.tenantId };
      const order: string[] = [];
      let firstChecked!: () => void;
      const checked = new Promise<void>((resolve) => (firstChecked = resolve));
      const first = app.db.transaction(async (tx) => {
        await quotas.assertWithin(scope, { clusters: 1 }, tx);
        firstChecked();
        await new Promise((resolve) => setTimeout(resolve, 150));
        order.push('first committed');
      });
      await checked;
      const second = app.db.transaction(async (tx) => {
        await quotas.assertWithin(scope, { clusters: 1 }, tx);
        order.push('second checked');
      });
      await Promise.all([first, second]);
      expect(order).toEqual(['first committed', 'second checked']);
    });
  });
});
