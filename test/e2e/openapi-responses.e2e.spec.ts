import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueues } from '../../src/queue/job-queues';
import { NodeCallbacksService } from '../../src/modules/node-callbacks/node-callbacks.service';
import { smallBlueprint } from '../support/blueprint-fixtures';
import { CheckedApi } from '../support/checked-api';
import { describeRoute, DocumentedRoute, openApiDocument, routesOf } from '../support/openapi-routes';
import { ResponseSchemas } from '../support/response-schemas';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

/** Routes the rate limiter never counts: the probes. */
const UNLIMITED_ROUTES = ['GET /health', 'GET /ready'];

/**
 * Answers known to be undocumented; the list may only shrink. Both are the providers API's, which is
 * being reworked elsewhere: ProvidersController needs `@ApiErrors(401, 429)`.
 */
/** Successes this file does not call, with the reason. */
const NOT_CALLED: Record<string, string> = {
  'GET /v1/clusters/{idOrName}/events/stream 200': 'a text/event-stream that never ends; cluster-events-stream.spec.ts reads it',
};

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** The 4xx a route can answer, from what it takes: a key, a role above viewer, path ids, a body or a query. */
function errorStatusesOf(route: DocumentedRoute): number[] {
  const statuses: number[] = [];
  if (route.method !== 'GET' || route.queryParams.length > 0) statuses.push(400);
  if (!route.public) statuses.push(401);
  if (!route.public && route.role !== 'viewer') statuses.push(403);
  if (route.pathParams.length > 0) statuses.push(404);
  if (!UNLIMITED_ROUTES.includes(describeRoute(route))) statuses.push(429);
  return statuses;
}

/** A route whose success answer is text (metrics, the SSE stream), not JSON. */
function answersText(route: DocumentedRoute): boolean {
  return Object.entries(route.responses).some(([status, content]) => status.startsWith('2') && !('application/json' in content) && Object.keys(content).some((type) => type.startsWith('text/')));
}

function undocumentedAnswers(route: DocumentedRoute): string[] {
  const name = describeRoute(route);
  const gaps: string[] = [];
  const successes = Object.keys(route.responses).filter((status) => status.startsWith('2'));
  if (successes.length !== 1) gaps.push(`${name}: documents ${successes.length} success statuses, not 1`);
  for (const status of errorStatusesOf(route)) {
    if (!route.responses[status]) gaps.push(`${name} ${status}: not documented`);
  }
  for (const [status, content] of Object.entries(route.responses)) {
    if (status === '204' || (status.startsWith('2') && answersText(route))) continue;
    const schema = content['application/json'];
    if (!schema) gaps.push(`${name} ${status}: no JSON schema`);
    else if (Number(status) >= 400 && ((schema.allOf as { $ref?: string }[] | undefined)?.[0] ?? schema).$ref !== '#/components/schemas/ErrorResponse') gaps.push(`${name} ${status}: not the ErrorResponse shape`);
  }
  return gaps;
}

describe('every route documents its answers, and answers as documented', () => {
  let app: TestApp;
  let routes: DocumentedRoute[];
  let api: CheckedApi;
  let member: TestTenant;
  let admin: TestTenant;
  let viewer: string;
  const state: { blueprint?: string; credential?: string } = {};

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '100', HERD_QUOTA_CLUSTERS: '100', HERD_QUOTA_NODES: '1000' } });
    const document = await openApiDocument(app.baseUrl);
    routes = routesOf(document);
    api = new CheckedApi(app.baseUrl, routes, new ResponseSchemas(document));
    member = await app.newTenant('member');
    admin = await app.newTenant('admin');
    viewer = `Bearer ${await member.keyWithRole('viewer')}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('documents a JSON schema for the success and every error answer of each route', () => {
    const gaps = routes.flatMap(undocumentedAnswers);
    expect(gaps).toEqual([]);
  });

  it('answers the probes, the catalogues and who a key is', async () => {
    await api.call('GET /health', { expect: 200 });
    await api.call('GET /ready', { expect: 200 });
    await api.call('GET /v1/stacks', { auth: member.auth, expect: 200 });
    await api.call('GET /v1/providers', { auth: member.auth, expect: 200 });
    await api.call('GET /v1/me', { auth: member.auth, expect: 200 });
    await api.call('GET /v1/me', { expect: 401 });
    await api.call('GET /metrics', { auth: admin.auth, expect: 200 });
    await api.call('GET /metrics', { auth: member.auth, expect: 403 });
  });

  it('answers the tenancy routes as documented, for an admin', async () => {
    const name = unique('t');
    const tenant = await api.call('POST /v1/tenants', { auth: admin.auth, body: { name }, expect: 201 });
    await api.call('POST /v1/tenants', { auth: admin.auth, body: { name }, expect: 409 });
    await api.call('POST /v1/tenants', { auth: member.auth, body: { name: unique('t') }, expect: 403 });
    await api.call('POST /v1/tenants', { auth: admin.auth, body: { name: 'Not A Name' }, expect: 400 });
    await api.call('GET /v1/tenants', { auth: admin.auth, query: { limit: 2 }, expect: 200 });
    await api.call('GET /v1/tenants/{id}', { auth: admin.auth, params: { id: tenant.id }, expect: 200 });
    await api.call('GET /v1/tenants/{id}', { auth: member.auth, params: { id: tenant.id }, expect: 404 });

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const key = await api.call('POST /v1/tenants/{id}/api-keys', { auth: admin.auth, params: { id: tenant.id }, body: { role: 'member', expiresAt }, expect: 201 });
    await api.call('GET /v1/tenants/{id}/api-keys', { auth: admin.auth, params: { id: tenant.id }, expect: 200 });
    await api.call('GET /v1/tenants/{id}/api-keys/{keyId}', { auth: admin.auth, params: { id: tenant.id, keyId: key.id }, expect: 200 });
    await api.call('DELETE /v1/tenants/{id}/api-keys/{keyId}', { auth: admin.auth, params: { id: tenant.id, keyId: key.id }, expect: 204 });
    const revoked = await api.call('GET /v1/tenants/{id}/api-keys', { auth: admin.auth, params: { id: tenant.id }, expect: 200 });
    expect(revoked.items.find((listed: { id: string }) => listed.id === key.id)).toMatchObject({ status: 'revoked', expiresAt });

    const ofMember = { params: { id: member.tenantId } };
    await api.call('GET /v1/tenants/{id}/quotas', { ...ofMember, auth: member.auth, expect: 200 });
    await api.call('PUT /v1/tenants/{id}/quotas', { ...ofMember, auth: admin.auth, body: { clusters: 5, nodes: 20, nodesPerCluster: 2 }, expect: 200 });
    await api.call('PUT /v1/tenants/{id}/quotas', { ...ofMember, auth: member.auth, body: { clusters: 5, nodes: 20, nodesPerCluster: 10 }, expect: 403 });
    await api.call('DELETE /v1/tenants/{id}/quotas', { ...ofMember, auth: admin.auth, expect: 200 });
    await api.call('GET /v1/audit', { auth: admin.auth, query: { tenantId: admin.tenantId, limit: 5 }, expect: 200 });
  });

  it('answers the blueprint and credential routes as documented, and never with a secret', async () => {
    const blueprint = unique('bp');
    await api.call('POST /v1/blueprints', { auth: member.auth, body: smallBlueprint(blueprint), expect: 201 });
    await api.call('POST /v1/blueprints', { auth: member.auth, body: smallBlueprint(blueprint), expect: 409 });
    await api.call('POST /v1/blueprints', { auth: member.auth, body: { Blueprints: {} }, expect: 400 });
    await api.call('POST /v1/blueprints', { auth: viewer, body: smallBlueprint(unique('bp')), expect: 403 });
    await api.call('GET /v1/blueprints', { auth: member.auth, query: { limit: 3 }, expect: 200 });
    await api.call('GET /v1/blueprints/{idOrName}', { auth: member.auth, params: { idOrName: blueprint }, expect: 200 });
    await api.call('GET /v1/blueprints/{idOrName}', { auth: member.auth, params: { idOrName: unique('none') }, expect: 404 });
    state.blueprint = blueprint;

    const secret = `tok-${randomBytes(12).toString('hex')}`;
    const credential = await api.call('POST /v1/credentials', { auth: member.auth, body: { name: unique('sim'), provider: 'sim', parameters: { latencyMs: 5, accessToken: secret } }, expect: 201 });
    const reads = [
      credential,
      await api.call('GET /v1/credentials', { auth: member.auth, expect: 200 }),
      await api.call('GET /v1/credentials/{idOrName}', { auth: member.auth, params: { idOrName: credential.name }, expect: 200 }),
      await api.call('PATCH /v1/credentials/{idOrName}', { auth: member.auth, params: { idOrName: credential.id }, body: { parameters: { latencyMs: 5, accessToken: '********' } }, expect: 200 }),
    ];
    expect(JSON.stringify(reads)).not.toContain(secret);
    await api.call('POST /v1/credentials/{idOrName}/verify', { auth: member.auth, params: { idOrName: credential.id }, expect: 200 });
    await api.call('POST /v1/credentials', { auth: member.auth, body: { name: unique('sim'), provider: 'no-such-provider', parameters: {} }, expect: 400 });
    state.credential = credential.id;

    const openrc = 'export OS_AUTH_URL=http://keystone.example.test:5000/v3\nexport OS_USERNAME=bob\nexport OS_PROJECT_NAME=demo\n';
    const imported = await api.call('POST /v1/credentials/import', { auth: member.auth, body: { name: unique('os'), provider: 'openstack', variant: 'nova', format: 'openrc', content: openrc, password: secret }, expect: 201 });
    expect(JSON.stringify(imported)).not.toContain(secret);
    await api.call('DELETE /v1/credentials/{idOrName}', { auth: member.auth, params: { idOrName: imported.id }, expect: 204 });
    await api.call('DELETE /v1/credentials/{idOrName}', { auth: member.auth, params: { idOrName: imported.id }, expect: 404 });
  });

  it("answers a cluster's whole life on sim as documented", { timeout: 240_000 }, async () => {
    const auth = member.auth;
    const body = {
      name: unique('c'),
      blueprint: state.blueprint,
      credential: state.credential,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 1, instanceType: 'small', recoveryMode: 'auto' },
      ],
      partialFailure: { policy: 'percentage', threshold: 50 },
    };
    await api.call('POST /v1/clusters/validate', { auth, body, expect: 200 });
    await api.call('POST /v1/clusters/validate', { auth, body: { ...body, hostGroups: [{ ...body.hostGroups[0], nodeCount: 200_000 }] }, expect: 400 });
    const accepted = await api.call('POST /v1/clusters', { auth, body, headers: { 'Idempotency-Key': unique('idem') }, expect: 202 });
    const id: string = accepted.cluster.id;
    const params = { idOrName: id };
    await api.call('POST /v1/clusters', { auth, body, expect: 409 });
    await api.call('POST /v1/clusters', { auth: viewer, body: { ...body, name: unique('c') }, expect: 403 });
    const settled = (operationId: string) =>
      until(`operation ${operationId}`, () => api.call('GET /v1/operations/{id}', { auth, params: { id: operationId }, expect: 200 }), (operation) => !['queued', 'running'].includes(operation.status), 60_000);
    const available = () => until(`cluster ${id} AVAILABLE`, () => api.call('GET /v1/clusters/{idOrName}', { auth, params, expect: 200 }), (cluster) => cluster.status === 'AVAILABLE', 60_000);

    expect(await settled(accepted.operationId)).toMatchObject({ status: 'succeeded' });
    await available();
    await api.call('GET /v1/clusters', { auth, query: { limit: 5 }, expect: 200 });
    await api.call('GET /v1/clusters/{idOrName}', { auth, params: { idOrName: randomUUID() }, expect: 404 });
    await api.call('GET /v1/clusters/{idOrName}/events', { auth, params, query: { limit: 500 }, expect: 200 });
    await api.call('POST /v1/clusters/{idOrName}/events/stream-tokens', { auth: viewer, params, expect: 200 });
    await api.call('GET /v1/operations/{id}', { auth, params: { id: randomUUID() }, expect: 404 });
    await api.call('DELETE /v1/blueprints/{idOrName}', { auth, params: { idOrName: state.blueprint! }, expect: 409 });

    const policy = await api.call('POST /v1/clusters/{idOrName}/autoscaling-policies', {
      auth,
      params,
      body: { name: 'grow', hostGroup: 'worker', metric: 'containersPending', operator: 'above', threshold: 10, adjustment: 1, minNodes: 1, maxNodes: 3, enabled: false },
      expect: 201,
    });
    await api.call('GET /v1/clusters/{idOrName}/autoscaling-policies', { auth, params, expect: 200 });
    await api.call('GET /v1/clusters/{idOrName}/autoscaling-policies/{policyId}', { auth, params: { idOrName: id, policyId: policy.id }, expect: 200 });
    await api.call('DELETE /v1/clusters/{idOrName}/autoscaling-policies/{policyId}', { auth, params: { idOrName: id, policyId: policy.id }, expect: 204 });

    const [token] = (await app.herd.context.get(NodeCallbacksService).issueTokens(member.tenantId, id, ['reporter-0'])).values();
    await api.call('POST /v1/node-callbacks', { auth: `Bearer ${token}`, body: { event: 'ready', components: [{ name: 'DATANODE', status: 'running' }] }, expect: 200 });
    await api.call('POST /v1/node-callbacks', { auth: 'Bearer hnc_not-a-token-of-any-node', body: { event: 'ready', components: [] }, expect: 401 });

    const scaled = await api.call('PUT /v1/clusters/{idOrName}/host-groups/{name}', { auth, params: { idOrName: id, name: 'worker' }, body: { nodeCount: 2 }, expect: 202 });
    await settled(scaled.operationId);
    await available();
    await api.call('GET /v1/clusters/{idOrName}/operations', { auth, params: { idOrName: body.name }, query: { limit: 5 }, expect: 200 });
    await api.call('PUT /v1/tenants/{id}/quotas', { auth: admin.auth, params: { id: member.tenantId }, body: { clusters: 5, nodes: 3, nodesPerCluster: 3 }, expect: 200 });
    await api.call('PUT /v1/clusters/{idOrName}/host-groups/{name}', { auth, params: { idOrName: id, name: 'worker' }, body: { nodeCount: 4 }, expect: 422 });
    await api.call('DELETE /v1/tenants/{id}/quotas', { auth: admin.auth, params: { id: member.tenantId }, expect: 200 });

    for (const route of ['POST /v1/clusters/{idOrName}/stop', 'POST /v1/clusters/{idOrName}/start', 'POST /v1/clusters/{idOrName}/repair']) {
      const { operationId } = await api.call(route, { auth, params, expect: 202 });
      expect(await settled(operationId), route).toMatchObject({ status: 'succeeded' });
    }
    await available();
    await api.call('POST /v1/clusters/{idOrName}/retry', { auth, params, expect: 409 });

    const deleting = await api.call('DELETE /v1/clusters/{idOrName}', { auth, params, expect: 202 });
    expect(await settled(deleting.operationId)).toMatchObject({ status: 'succeeded' });
    await api.call('GET /v1/clusters', { auth, query: { status: 'DELETED' }, expect: 200 });

    await api.call('POST /v1/operations/{id}/cancel', { auth, params: { id: deleting.operationId }, expect: 409 });
    const operations = app.herd.context.get(JobQueues).queue('operations');
    await operations.pause();
    const doomed = await api.call('POST /v1/clusters', { auth, body, expect: 202 });
    await api.call('POST /v1/operations/{id}/cancel', { auth, params: { id: doomed.operationId }, expect: 202 });
    await operations.resume();
    await until(`cluster ${doomed.cluster.id} DELETED`, () => api.call('GET /v1/clusters/{idOrName}', { auth, params: { idOrName: doomed.cluster.id }, expect: 200 }), (cluster) => cluster.status === 'DELETED', 60_000);
  });

  it('answers the retry of a FAILED cluster as documented', { timeout: 120_000 }, async () => {
    const auth = member.auth;
    const refusing = await api.call('POST /v1/credentials', { auth, body: { name: unique('sim'), provider: 'sim', parameters: { nodeQuota: 0 } }, expect: 201 });
    const body = { name: unique('c'), blueprint: state.blueprint, credential: refusing.id, hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'small' }, { name: 'worker', nodeCount: 1, instanceType: 'small' }] };
    const { cluster } = await api.call('POST /v1/clusters', { auth, body, expect: 202 });
    const params = { idOrName: cluster.id };
    const failed = () => until(`cluster ${cluster.id} FAILED`, () => api.call('GET /v1/clusters/{idOrName}', { auth, params, expect: 200 }), (read) => read.status === 'FAILED', 60_000);
    await failed();
    await api.call('POST /v1/clusters/{idOrName}/retry', { auth, params, expect: 202 });
    await failed();
    const deleting = await api.call('DELETE /v1/clusters/{idOrName}', { auth, params, expect: 202 });
    await until('the delete', () => api.call('GET /v1/operations/{id}', { auth, params: { id: deleting.operationId }, expect: 200 }), (operation) => operation.status === 'succeeded', 60_000);
    await api.call('DELETE /v1/credentials/{idOrName}', { auth, params: { idOrName: refusing.id }, expect: 204 });
    await api.call('DELETE /v1/credentials/{idOrName}', { auth, params: { idOrName: state.credential! }, expect: 204 });
    await api.call('DELETE /v1/blueprints/{idOrName}', { auth, params: { idOrName: state.blueprint! }, expect: 204 });
  });

  it('answers the webhook routes as documented, the secret only at create and rotation', async () => {
    const auth = member.auth;
    const webhook = await api.call('POST /v1/webhooks', { auth, body: { url: 'http://127.0.0.1:9/hook', kinds: ['cluster.status'], description: 'docs' }, expect: 201 });
    await api.call('POST /v1/webhooks', { auth, body: { url: 'http://169.254.169.254/', kinds: ['cluster.status'] }, expect: 400 });
    await api.call('POST /v1/webhooks', { auth: viewer, body: { url: 'http://127.0.0.1:9/hook', kinds: ['cluster.status'] }, expect: 403 });
    const params = { id: webhook.id };
    await api.call('GET /v1/webhooks', { auth: viewer, query: { limit: 5 }, expect: 200 });
    await api.call('GET /v1/webhooks/{id}', { auth, params, expect: 200 });
    await api.call('GET /v1/webhooks/{id}', { auth, params: { id: randomUUID() }, expect: 404 });
    await api.call('PATCH /v1/webhooks/{id}', { auth, params, body: { kinds: ['cluster.health'], enabled: false }, expect: 200 });
    await api.call('PATCH /v1/webhooks/{id}', { auth, params, body: { kinds: ['no.such.kind'] }, expect: 400 });
    await api.call('GET /v1/webhooks/{id}/deliveries', { auth, params, expect: 200 });
    await api.call('POST /v1/webhooks/{id}/rotate-secret', { auth, params, expect: 200 });
    await api.call('DELETE /v1/webhooks/{id}', { auth, params, expect: 204 });
    await api.call('DELETE /v1/webhooks/{id}', { auth, params, expect: 404 });
  });

  it('has called the success of every documented route', () => {
    const successes = routes.flatMap((route) => Object.keys(route.responses).filter((status) => status.startsWith('2')).map((status) => `${describeRoute(route)} ${status}`));
    const skipped = Object.keys(NOT_CALLED);
    expect(successes.filter((success) => !api.called.has(success) && !skipped.includes(success))).toEqual([]);
    expect(skipped.filter((entry) => api.called.has(entry) || !successes.includes(entry)), 'called or gone now: remove from NOT_CALLED').toEqual([]);
  });
});
