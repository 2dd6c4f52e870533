import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GuardedBrowser, launchGuardedChromium } from '../support/chromium-browser';
import { clusterBody, crashSimNode, requestCluster, simCredential } from '../support/clusters';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { until } from '../support/until';

const ROOT = join(__dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'ui');
const SECRET_TOKEN = 'sim-token-never-shown-in-the-dashboard';
/** Long enough for a sim cluster to provision on a loaded machine; the waits end as soon as the page shows the state. */
const CLUSTER_WAIT_MS = 60_000;

/** The dashboard in Debian's Chromium against a real herd (role all, sim provider, own database). */
describe('the dashboard at /ui', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let browser: GuardedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  /** The connections of the open event streams, to drop them as a network would. */
  const streamSockets: Socket[] = [];
  /** The status of every event stream the page opened, in order. */
  const streamStatuses: number[] = [];
  /** Set once the test revokes the page's key: its 401s are expected from then on. */
  let revoked = false;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), 'ui'], { cwd: ROOT, stdio: 'inherit' });
  });
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    // A fast monitor notices the crashed worker soon; no auto-repair races the delete.
    // Stream tokens last a second, so a reconnecting page must have asked for a new one.
    app = await startTestApp({ ownDatabase: true, env: { HERD_MONITOR_INTERVAL_MS: '500', HERD_AUTO_RECOVERY_AFTER_MS: '3600000', HERD_STREAM_TOKEN_TTL_MS: '1000' } });
    app.herd.http.getHttpServer().on('request', (req: { url?: string; socket: Socket }) => req.url?.includes('/events/stream?') && streamSockets.push(req.socket));
    tenant = await app.newTenant('member');
    await simCredential(app, tenant, { accessToken: SECRET_TOKEN }, 'sim-ui');
    browser = await launchGuardedChromium(app.baseUrl);
    page = await browser.context.newPage();
    page.on('response', (response) => response.url().includes('/events/stream?') && streamStatuses.push(response.status()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The dry run of a bad size answers 400, the dropped stream ends mid-chunk and the revoked key gets 401s, all on purpose; any other failed load or error counts.
    page.on('console', (message) => message.type() === 'error' && !/status of 400|ERR_INCOMPLETE_CHUNKED_ENCODING/.test(message.text()) && !(revoked && /status of 401/.test(message.text())) && pageErrors.push(message.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves index.html for client routes, hashed assets cached for good, under a CSP that allows them', async () => {
    const index = await request(app.baseUrl).get('/ui/clusters/some-client-route').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script, index.text).toBeDefined();
    const asset = await request(app.baseUrl).get(script as string).expect(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    await request(app.baseUrl).get('/ui/assets/missing-0123abcd.js').expect(404);
    for (const outside of ['/ui/assets/..%2f..%2f..%2fpackage.json', '/ui/assets/%2e%2e/%2e%2e/%2e%2e/package.json']) {
      const answer = await request(app.baseUrl).get(outside);
      expect(answer.text, outside).not.toContain('"devDependencies"');
    }
  });

  it('signs in with an API key and shows the tenant and role', async () => {
    const me = (await request(app.baseUrl).get('/v1/me').set('Authorization', tenant.auth).expect(200)).body;
    await page.goto(`${app.baseUrl}/ui/`);
    await page.getByLabel('API key').fill(tenant.key);
    await page.keyboard.press('Enter');
    const who = page.getByLabel('signed in as');
    await who.waitFor();
    expect(await who.textContent()).toBe(`tenant ${me.tenant.name} · role member`);
    await page.getByText('No clusters yet.').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.screenshot({ path: join(SCREENSHOTS, 'clusters-empty.png'), fullPage: true });
  });

  it('shows the dry run’s field error for a bad size, then creates the cluster and follows it to AVAILABLE', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'New cluster' }).click();
    await page.getByLabel('Name').fill('ui-demo');
    await page.getByLabel('Blueprint').selectOption({ label: 'hadoop-single-master' });
    await page.getByLabel('Credential').selectOption({ label: 'sim-ui (sim/default)' });
    const capabilities = page.getByRole('region', { name: 'provider capabilities' });
    await capabilities.getByText('stopStart').waitFor();

    const masterSize = page.getByLabel(/^master/);
    await masterSize.fill('2');
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    const problem = page.locator('#size-master-problem');
    await problem.waitFor();
    expect(await masterSize.getAttribute('aria-invalid')).toBe('true');
    expect(await problem.textContent()).toMatch(/\S/);
    await page.screenshot({ path: join(SCREENSHOTS, 'create-cluster-dry-run-error.png'), fullPage: true });

    await masterSize.fill('1');
    await page.getByLabel(/^worker/).fill('2');
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await page.getByText(/^Dry run passed: 3 nodes on sim\/default/).waitFor();
    await problem.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.waitForURL(/\/ui\/clusters\/[0-9a-f-]{36}$/);
    await page.getByRole('list', { name: 'event timeline' }).getByText(/-> AVAILABLE/).waitFor({ timeout: CLUSTER_WAIT_MS });
    await page.getByTitle('status').getByText('AVAILABLE').waitFor();
    const workers = page.getByRole('region', { name: 'host group worker' });
    await workers.getByText('DATANODE').first().waitFor();
    expect(await workers.locator('.node').count()).toBe(2);
    expect(await workers.locator('.endpoint').first().textContent()).toMatch(/^http:\/\/\S+/);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-available.png'), fullPage: true });
  });

  it('scales a host group from its dialog, which Escape closes and which keeps the focus inside', async () => {
    const scale = page.getByRole('button', { name: 'Scale worker' });
    await scale.click();
    const dialog = page.getByRole('dialog', { name: 'Scale host group worker' });
    await dialog.waitFor();
    for (let tab = 0; tab < 4; tab++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.closest("dialog") !== null')).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await scale.click();
    await dialog.getByLabel('Nodes in worker').fill('3');
    await dialog.getByRole('button', { name: 'Scale' }).click();
    await page.getByRole('status').getByText('scale succeeded').waitFor({ timeout: CLUSTER_WAIT_MS });
    const workers = page.getByRole('region', { name: 'host group worker' });
    await workers.getByText('×3').waitFor();
    await page.waitForFunction('document.querySelectorAll("[aria-label=\'host group worker\'] .node").length === 3', undefined, { timeout: CLUSTER_WAIT_MS });
  });

  it('stops and starts the cluster, each after its dialog', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('dialog', { name: 'Stop cluster ui-demo?' }).getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('status').getByText('stop succeeded').waitFor({ timeout: CLUSTER_WAIT_MS });
    await page.getByTitle('status').getByText('STOPPED').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Start cluster ui-demo?' }).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('status').getByText('start succeeded').waitFor({ timeout: CLUSTER_WAIT_MS });
    await page.getByTitle('status').getByText('AVAILABLE').waitFor();
  });

  it('keeps the timeline live with a fresh stream token after the connection drops, showing no event twice', async () => {
    const timeline = page.getByRole('list', { name: 'event timeline' });
    const shown = await timeline.locator('li').count();
    const dropped = streamSockets.splice(0);
    const opened = streamStatuses.length;
    expect(dropped.length).toBeGreaterThan(0);
    // The token the stream opened with has expired by now: the browser's own retry would be refused.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const socket of dropped) socket.destroy();
    const reopened = await until('the page to open a new stream', async () => streamStatuses.slice(opened), (statuses) => statuses.length > 0);
    expect(reopened).toEqual([200]);
    await page.getByText('live', { exact: true }).waitFor();
    await page.waitForFunction(`document.querySelectorAll('[aria-label="event timeline"] li').length >= ${shown}`);
    expect(await timeline.getByText('Status PROVISIONING -> AVAILABLE').count()).toBe(1);
  });

  it('charts the live DataNodes from the health events when a worker crashes', async () => {
    const clusterId = new URL(page.url()).pathname.split('/').pop() as string;
    const cluster = (await request(app.baseUrl).get(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth).expect(200)).body;
    const worker = cluster.hostGroups.find((group: any) => group.name === 'worker').nodes[0].name as string;
    await crashSimNode(app, clusterId, worker);
    await page.getByTitle('health').getByText('DEGRADED').waitFor({ timeout: CLUSTER_WAIT_MS });
    const chart = page.getByRole('figure').filter({ hasText: 'Live DataNodes' });
    await chart.getByText(/^Live DataNodes: 2 nodes now$/).waitFor();
    expect(await chart.locator('svg circle').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-degraded.png'), fullPage: true });
  });

  it('fits a 375 px wide screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    expect(await page.evaluate(overflow)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-375px.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('list', { name: 'clusters' }).getByText('ui-demo').waitFor();
    expect(await page.evaluate(overflow)).toBe(0);
    // The list refreshes itself: a cluster requested elsewhere shows up without a reload.
    await requestCluster(app, tenant, { ...clusterBody('sim-ui', 1), name: 'ui-other' });
    await page.getByRole('list', { name: 'clusters' }).getByText('ui-other').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'clusters-375px.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('deletes the cluster after the confirmation dialog', async () => {
    await page.getByRole('list', { name: 'clusters' }).getByRole('link', { name: 'ui-demo' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete cluster ui-demo?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('list', { name: 'event timeline' }).getByText(/-> DELETED/).waitFor({ timeout: CLUSTER_WAIT_MS });
    await page.getByTitle('status').getByText('DELETED').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-deleted.png'), fullPage: true });
  });

  it('lists blueprints with their JSON, and credentials without any secret', async () => {
    const nav = page.getByRole('navigation', { name: 'main' });
    await nav.getByRole('link', { name: 'Blueprints' }).click();
    await page.getByRole('link', { name: 'hadoop-single-master' }).click();
    expect(await page.getByLabel('blueprint as JSON').textContent()).toContain('"ambariBlueprint"');
    await page.screenshot({ path: join(SCREENSHOTS, 'blueprint.png'), fullPage: true });

    await nav.getByRole('link', { name: 'Credentials' }).click();
    await page.getByText('Secrets set (never shown): accessToken').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('sim-ui');
    expect(text).not.toContain(SECRET_TOKEN);
    expect(text).not.toContain('********');
    await page.screenshot({ path: join(SCREENSHOTS, 'credentials.png'), fullPage: true });
  });

  it('signs out, forgetting the key', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.reload();
    await page.getByLabel('API key').waitFor();
  });

  it('goes back to sign-in, saying why, when the key is revoked', async () => {
    const key = await tenant.keyWithRole('member');
    const keyId = (await request(app.baseUrl).get('/v1/me').set('Authorization', `Bearer ${key}`).expect(200)).body.key.id;
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('list', { name: 'clusters' }).getByText('ui-other').waitFor();
    revoked = true;
    await request(app.baseUrl).delete(`/v1/tenants/${tenant.tenantId}/api-keys/${keyId}`).set('Authorization', tenant.auth).expect(204);
    await page.getByText(/no longer accepts this API key/).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('made no request to any other host, and raised no error in the page', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the dashboard over plain HTTP under a name that is not a loopback one', () => {
  it('loads its scripts and styles from the same origin, not upgraded to https', async () => {
    const app = await startTestApp({ role: 'api' });
    const origin = `http://herd.example:${new URL(app.baseUrl).port}`;
    const browser = await launchGuardedChromium(origin, { resolveToLoopback: 'herd.example' });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${origin}/ui/`);
      await page.getByLabel('API key').waitFor();
      expect(browser.foreignRequests).toEqual([]);
    } finally {
      await browser.close();
      await app.close();
    }
  });
});

describe('the dashboard without its build', () => {
  it('answers 503 naming the build command', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'herd-ui-missing-'));
    const app = await startTestApp({ role: 'api', env: { HERD_DASHBOARD_DIR: empty } });
    try {
      const res = await request(app.baseUrl).get('/ui/').expect(503);
      expect(res.text).toContain('npm run build:ui');
    } finally {
      await app.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
