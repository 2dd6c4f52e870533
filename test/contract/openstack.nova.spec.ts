import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playVm, startCallbackRecorder } from '../support/vm-player';
import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import type { NovaConnection } from '../../src/providers/openstack/nova/nova.connection';
import { AuthFailedError, QuotaExceededError, type ClusterSpec } from '../../src/providers/spi';
import { tearDown } from '../../src/providers/spi/conformance/driving';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';
import { launchPlan, recordingHooks, testCluster, waitFor } from './openstack-fixtures';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

/** Tears down as herd does: asks Nova once, then polls describe until nothing is left. */
const removeAll = (conn: NovaConnection, cluster: ClusterSpec) => tearDown(conn, cluster, { pollIntervalMs: 250, statusTimeoutMs: 60_000, callTimeoutMs: 30_000 });

describe.skipIf(!probe.env)('openstack/nova against the loopback OpenStack', () => {
  const env = probe.env as OpenStackTestEnv;
  const adapter = new NovaAdapter();
  let conn: NovaConnection;
  const clusters: ClusterSpec[] = [];

  beforeAll(() => {
    conn = adapter.connect({ ...env.user });
  });
  afterAll(async () => {
    for (const c of clusters) await conn.teardown(c).catch(() => undefined);
  });

  it('verifies the credential and negotiates a compute microversion', async () => {
    const result = await conn.verify();
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/compute 2\.\d+/);
  });

  it('refuses a wrong password with AuthFailed carrying Keystone’s words', async () => {
    const bad = adapter.connect({ ...env.user, password: 'wrong' });
    const error = await bad.verify().catch((e) => e);
    expect(error).toBeInstanceOf(AuthFailedError);
    expect(error.backendMessage).toMatch(/authenticat/i);
  });

  it('reports missing flavor, image and key pair before anything is made', async () => {
    const cluster = testCluster([{ name: 'master', nodeCount: 1, options: { image: 'no-such-image', keyName: 'nope' } }]);
    cluster.hostGroups[0].instanceType = 'm9.huge';
    const problems = await conn.prerequisites(cluster);
    expect(problems.map((p) => p.field).sort()).toEqual(['hostGroups[0].instanceType', 'hostGroups[0].options.image', 'hostGroups[0].options.keyName']);
    expect(await conn.prerequisites(testCluster([{ name: 'master', nodeCount: 1 }]))).toEqual([]);
  });

  it('launches servers with metadata and an anti-affinity server group, idempotently, then stops, starts and tears down', async () => {
    const cluster = testCluster([
      { name: 'master', nodeCount: 1 },
      { name: 'worker', nodeCount: 2, options: { serverGroupPolicy: 'soft-anti-affinity' } },
    ]);
    clusters.push(cluster);
    const plan = launchPlan(cluster);
    const hooks = recordingHooks();
    await conn.apply(cluster, { launch: plan, terminate: [] }, hooks);
    expect(hooks.created).toHaveLength(3);
    await conn.apply(cluster, { launch: plan, terminate: [] }, recordingHooks());
    const running = await waitFor('3 RUNNING', async () => {
      const nodes = await conn.describe(cluster);
      return nodes.length === 3 && nodes.every((n) => n.status === 'RUNNING') ? nodes : undefined;
    });
    expect(running.map((n) => n.name).sort()).toEqual(plan.map((n) => n.name).sort());
    expect(new Set(running.map((n) => n.providerId))).toEqual(new Set(hooks.created.map((c) => c.providerId)));
    const worker = running.find((n) => n.hostGroup === 'worker' && n.index === 1)!;
    expect(worker.components.map((c) => c.name)).toEqual(['DATANODE']);
    const groups = await conn.nova.serverGroups();
    const sg = groups.find((g) => g.name.endsWith(`${cluster.tag}-worker`));
    expect(sg?.members.sort()).toEqual(running.filter((n) => n.hostGroup === 'worker').map((n) => n.providerId).sort());

    await conn.power.stop(cluster, running);
    await conn.power.stop(cluster, running);
    await waitFor('STOPPED', async () => ((await conn.describe(cluster)).every((n) => n.status === 'STOPPED') ? true : undefined));
    await conn.power.start(cluster, running);
    await waitFor('RUNNING again', async () => ((await conn.describe(cluster)).every((n) => n.status === 'RUNNING') ? true : undefined));

    await conn.apply(cluster, { launch: [], terminate: [worker] }, recordingHooks());
    await waitFor('scaled in', async () => ((await conn.describe(cluster)).length === 2 ? true : undefined));

    // the server groups go at once, while Nova still deletes their servers
    await conn.teardown(cluster);
    expect((await conn.nova.serverGroups()).some((g) => g.name.includes(cluster.tag))).toBe(false);
    expect((await conn.describe(cluster)).every((n) => n.status === 'TERMINATING')).toBe(true);
    await removeAll(conn, cluster);
  });

  it('finds servers from Nova alone after their ids were lost, and leaves other clusters alone', async () => {
    const a = testCluster([{ name: 'master', nodeCount: 1 }]);
    const b = testCluster([{ name: 'master', nodeCount: 1 }]);
    clusters.push(a, b);
    await conn.apply(a, { launch: launchPlan(a), terminate: [] }, recordingHooks());
    await conn.apply(b, { launch: launchPlan(b), terminate: [] }, recordingHooks());
    const fresh = adapter.connect({ ...env.user });
    await waitFor('a RUNNING', async () => ((await fresh.describe(a))[0]?.status === 'RUNNING' ? true : undefined));
    await removeAll(fresh, a);
    expect(await fresh.describe(b)).toHaveLength(1);
    await fresh.teardown(b);
  });

  async function withFlavor(ramMb: number, fn: (flavorId: string) => Promise<void>) {
    const adminConn = adapter.connect({ ...env.admin });
    const made = await adminConn.session.request('compute', {
      method: 'POST',
      path: '/flavors',
      body: { flavor: { name: `herd-test-${ramMb}-${Date.now()}`, ram: ramMb, vcpus: 1, disk: 1, 'os-flavor-access:is_public': true } },
    });
    const flavorId = (made.body as { flavor: { id: string } }).flavor.id;
    try {
      await fn(flavorId);
    } finally {
      await adminConn.session.request('compute', { method: 'DELETE', path: `/flavors/${flavorId}` });
    }
  }

  it('classifies a quota refusal as QuotaExceeded with Nova’s words', async () => {
    const cluster = testCluster([{ name: 'master', nodeCount: 1 }]);
    clusters.push(cluster);
    await withFlavor(64 * 1024 * 1024, async (flavorId) => {
      cluster.hostGroups[0].instanceType = flavorId;
      const problems = await conn.prerequisites(cluster);
      expect(problems).toEqual([expect.objectContaining({ field: 'hostGroups', reason: expect.stringMatching(/MB of RAM/) })]);
      const error = await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks()).catch((e) => e);
      expect(error).toBeInstanceOf(QuotaExceededError);
      expect(error.backendMessage).toMatch(/Quota exceeded for ram/);
    });
  });

  it('surfaces Nova’s fault message for a server in ERROR (strict anti-affinity on a one-host cloud)', async () => {
    const cluster = testCluster([{ name: 'worker', nodeCount: 2, options: { serverGroupPolicy: 'anti-affinity' } }]);
    clusters.push(cluster);
    await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks());
    const nodes = await waitFor('one RUNNING, one ERROR', async () => {
      const n = await conn.describe(cluster);
      return n.length === 2 && n.every((x) => x.status === 'RUNNING' || x.status === 'ERROR') ? n : undefined;
    }, 50_000);
    const failed = nodes.filter((n) => n.status === 'ERROR');
    expect(failed).toHaveLength(1);
    // The scheduler refuses the second server ("No valid host"), or, when both were scheduled at once,
    // the compute host's late anti-affinity check fails the build until Nova gives up retrying.
    expect(failed[0].statusReason).toMatch(/No valid host|Exhausted all hosts available/i);
    await removeAll(conn, cluster);
  });

  it('plays the VM: the user_data Nova holds starts the right containers and calls back with the node token', async () => {
    const recorder = await startCallbackRecorder();
    try {
      const cluster = testCluster([{ name: 'master', nodeCount: 1 }]);
      cluster.callbackUrl = recorder.url;
      clusters.push(cluster);
      const [node] = launchPlan(cluster);
      const hooks = recordingHooks();
      await conn.apply(cluster, { launch: [node], terminate: [] }, hooks);
      // user_data is an admin-only attribute in Nova's default policy
      const userData = await adapter.connect({ ...env.admin }).nova.getUserData(hooks.created[0].providerId);
      expect(userData).toMatch(/^#!\/bin\/sh/);
      const vm = await playVm(userData!);
      expect(vm.status).toBe(0);
      const runs = vm.docker.filter((a) => a[0] === 'run');
      expect(runs.map((a) => a[a.indexOf('--name') + 1])).toEqual(['herd-namenode', 'herd-resourcemanager']);
      expect(runs[0].slice(-3)).toEqual(['apache/hadoop:3.3.6', 'hdfs', 'namenode']);
      expect(recorder.calls).toEqual([
        {
          auth: `Bearer ${node.callbackToken}`,
          body: '{"event":"ready","components":[{"name":"NAMENODE","status":"running"},{"name":"RESOURCEMANAGER","status":"running"}]}',
        },
      ]);
      await conn.teardown(cluster);
    } finally {
      recorder.close();
    }
  });
});
