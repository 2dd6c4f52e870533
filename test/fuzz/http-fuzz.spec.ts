import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForeignObjects } from '../support/foreign-objects';
import { createIsolatedDatabase, databaseFingerprint, IsolatedDatabase } from '../support/isolated-database';
import { describeRoute, DocumentedRoute, documentedRoutes } from '../support/openapi-routes';
import { startTestApp, TestApp } from '../support/test-app';
import { FuzzOutcome, send } from './http-client';
import { Prng } from './prng';
import { Fixtures, FuzzRequest, generateRequest } from './request-generator';

/** Reproduce a run with HERD_FUZZ_SEED=<seed printed by the failing run>. */
const SEED = Number(process.env.HERD_FUZZ_SEED ?? 20_261_126);
const REQUESTS = Number(process.env.HERD_FUZZ_REQUESTS ?? 10_500);
const CONCURRENCY = 16;
const ADMIN_KEY = 'herd_fuzz_bootstrap_admin_key_0123456789';

interface Failure {
  index: number;
  outcome: FuzzOutcome;
  request: string;
}

describe('HTTP fuzz', () => {
  let database: IsolatedDatabase;
  let app: TestApp;
  let routes: DocumentedRoute[];
  let fixtures: Fixtures;

  beforeAll(async () => {
    database = await createIsolatedDatabase('fuzz');
    app = await startTestApp({
      env: {
        DATABASE_URL: database.url,
        HERD_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        LOG_LEVEL: 'error',
      },
    });
    routes = await documentedRoutes(app.baseUrl);
    const a = await app.newTenant('member');
    const b = await app.newTenant('member');
    const viewer = await a.keyWithRole('viewer');
    const expired = await a.keyWithRole('member');
    const revoked = await a.keyWithRole('admin');
    await app.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 day' WHERE key_prefix = $1`, [expired.slice(0, 12)]);
    await app.db.query(`UPDATE api_keys SET revoked_at = now() WHERE key_prefix = $1`, [revoked.slice(0, 12)]);
    await request(app.baseUrl).put(`/v1/tenants/${b.tenantId}/quotas`).set('Authorization', `Bearer ${ADMIN_KEY}`).send({ clusters: 1, nodes: 2, nodesPerCluster: 2 }).expect(200);
    const [{ id: keyOfA }] = await app.db.query(`SELECT id FROM api_keys WHERE tenant_id = $1 AND role = 'viewer'`, [a.tenantId]);
    const [{ id: keyOfB }] = await app.db.query(`SELECT id FROM api_keys WHERE tenant_id = $1`, [b.tenantId]);
    fixtures = {
      tenantA: a.tenantId,
      tenantB: b.tenantId,
      keyOfA,
      keyOfB,
      foreign: await createForeignObjects(app.baseUrl, routes, b.auth),
      auth: { admin: `Bearer ${ADMIN_KEY}`, member: a.auth, viewer: `Bearer ${viewer}`, expired: `Bearer ${expired}`, revoked: `Bearer ${revoked}` },
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it(`sends ${REQUESTS} bad requests across every documented route: no 5xx, alive, database unchanged`, { timeout: 300_000 }, async () => {
    const before = await databaseFingerprint(app.db);
    // A new connection per request: one request's leftovers never reach the next.
    const agent = new http.Agent({ keepAlive: false, maxSockets: CONCURRENCY });
    const statuses = new Map<string, number>();
    const failures: Failure[] = [];
    let sent = 0;
    let retried = 0;
    let next = 0;

    const worker = async () => {
      while (next < REQUESTS) {
        const index = next++;
        const fuzz = generateRequest(Prng.forRequest(SEED, index), routes, fixtures);
        const outcome = await send(app.baseUrl, fuzz, agent);
        if (!outcome.sent) continue;
        sent++;
        if (outcome.retried) retried++;
        const key = outcome.status === undefined ? `no answer (${outcome.error})` : String(outcome.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const serverError = outcome.status !== undefined && outcome.status >= 500;
        const unexplainedDrop = outcome.status === undefined && !fuzz.mayDropConnection;
        if (serverError || unexplainedDrop) failures.push({ index, outcome, request: summarise(fuzz) });
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    const histogram = [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status}: ${count}`);
    console.log(
      `fuzz: seed ${SEED}, ${sent} requests sent (${REQUESTS - sent} refused by the client itself, ${retried} sent twice after no answer) over ${routes.length} documented routes in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        `  routes: ${routes.map(describeRoute).join(', ')}\n  statuses: ${histogram.join(', ')}`,
    );
    if (failures.length > 0) console.log(`first failures (re-run one with HERD_FUZZ_SEED=${SEED}):\n${failures.slice(0, 15).map((f) => `  #${f.index} ${JSON.stringify(f.outcome)} ${f.request}`).join('\n')}`);

    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    await request(app.baseUrl).get('/health').expect(200, { status: 'ok' });
    await request(app.baseUrl).get('/ready').expect(200);
    await request(app.baseUrl).get('/v1/me').set('Authorization', fixtures.auth.member).expect(200);
    expect(await databaseFingerprint(app.db)).toEqual(before);
  });
});

function summarise(fuzz: FuzzRequest): string {
  const body = fuzz.raw ?? fuzz.body;
  const excerpt = body ? ` body(${body.length}B)=${JSON.stringify(body.subarray(0, 160).toString())}` : '';
  return `[${fuzz.category}] ${fuzz.method} ${fuzz.path.slice(0, 160)} headers=${JSON.stringify(Object.keys(fuzz.headers))}${excerpt}`;
}
