import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** A Keystone that refuses every token request and echoes the request body in its error, in three spellings. */
async function startEchoingKeystone(): Promise<{ server: Server; authUrl: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const echo = `Request was: ${body} | base64: ${Buffer.from(body).toString('base64')} | urlencoded: ${encodeURIComponent(body)}`;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 401, title: 'Unauthorized', message: `The request you have made requires authentication. ${echo}` } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, authUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3` };
}

/** The spellings of a secret an echo may carry; none of them may appear anywhere herd keeps, returns or logs. */
function spellingsOf(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), base64.slice(4, -4)];
}

function expectNoSecret(where: string, text: string, secret: string): void {
  for (const spelling of spellingsOf(secret)) expect(text.includes(spelling), `${where} contains the secret spelled ${spelling}`).toBe(false);
}

describe('secrets a backend echoes', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let keystone: Awaited<ReturnType<typeof startEchoingKeystone>>;
  const password = `Pw-${Math.random().toString(36).slice(2)} with/slash+plus"quote`;
  let credentialId: string;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    keystone = await startEchoingKeystone();
    app = await startTestApp({ ownDatabase: true, env: { HERD_OPERATION_TIMEOUT_MS: '20000' } });
    tenant = await app.newTenant();
    const created = await http()
      .post('/v1/credentials')
      .set('Authorization', tenant.auth)
      .send({ name: 'echoing', provider: 'openstack', variant: 'nova', parameters: { authUrl: keystone.authUrl, username: 'herd', password, projectName: 'p', userDomainName: 'Default' } })
      .expect(201);
    credentialId = created.body.id;
  });
  afterAll(async () => {
    await app?.close();
    keystone?.server.close();
  });

  const cluster = (name: string) => ({
    name,
    blueprint: 'hadoop-single-master',
    credential: credentialId,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'm1.medium', options: { image: 'cirros' } },
      { name: 'worker', nodeCount: 1, instanceType: 'm1.small', options: { image: 'cirros' } },
    ],
  });

  it('keeps them out of the verify answer, which still says the credential was rejected', async () => {
    const res = await http().post(`/v1/credentials/${credentialId}/verify`).set('Authorization', tenant.auth).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toMatch(/rejected the credential.*\[redacted\]/);
    expectNoSecret('the verify answer', JSON.stringify(res.body), password);
  });

  it('keeps them out of the validate answer', async () => {
    const res = await http().post('/v1/clusters/validate').set('Authorization', tenant.auth).send(cluster('validated'));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'credential', reason: expect.stringMatching(/rejected the credential.*\[redacted\]/) });
    expectNoSecret('the validate answer', JSON.stringify(res.body), password);
  });

  it("keeps them out of a failed cluster's reason, events and operation, of every table and of the log", async () => {
    const accepted = await http().post('/v1/clusters').set('Authorization', tenant.auth).send(cluster('echoed')).expect(202);
    const operation = await settle(app, tenant, accepted.body.operationId, 60_000);
    expect(operation.status).toBe('failed');
    expect(operation.error).toContain('[redacted]');
    const shown = await http().get(`/v1/clusters/${accepted.body.cluster.id}`).set('Authorization', tenant.auth).expect(200);
    const events = await http().get(`/v1/clusters/${accepted.body.cluster.id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expectNoSecret('the cluster', JSON.stringify(shown.body), password);
    expectNoSecret('the events', JSON.stringify(events.body), password);
    expectNoSecret('the operation', JSON.stringify(operation), password);

    const tables: { table_name: string }[] = await app.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const [dump] = await app.db.query(`SELECT coalesce(string_agg(t::text, E'\\n'), '') AS text FROM "${table_name}" t`);
      expectNoSecret(`table ${table_name}`, dump.text, password);
    }
    expectNoSecret('the log', app.logs(), password);
  });

  it('keeps credentials sent in a query string out of the request log', async () => {
    const token = `tok-${Math.random().toString(36).slice(2)}`;
    await http().get(`/v1/me?access_token=${token}&limit=1`).expect(401);
    await http().get(`/v1/me?api_key=${encodeURIComponent(tenant.key)}`).expect(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.logs()).toContain('access_token=[redacted]&limit=1');
    expect(app.logs()).not.toContain(token);
    expect(app.logs()).not.toContain(tenant.key);
  });
});
