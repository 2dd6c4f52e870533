import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeatAdapter } from '../../src/providers/openstack/heat/heat.adapter';
import type { HeatConnection } from '../../src/providers/openstack/heat/heat.connection';
import { FatalProviderError, type ClusterSpec } from '../../src/providers/spi';
import { playVm } from '../support/vm-player';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';
import { launchPlan, recordingHooks, testCluster, waitFor } from './openstack-fixtures';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

describe.skipIf(!probe.env)('openstack/heat against the loopback OpenStack', () => {
  const env = probe.env as OpenStackTestEnv;
  const adapter = new HeatAdapter({ pollIntervalMs: 500 });
  let conn: HeatConnection;
  const clusters: ClusterSpec[] = [];

  beforeAll(() => {
    conn = adapter.connect({ ...env.user });
  });
  afterAll(async () => {
    for (const c of clusters) await conn.teardown(c).catch(() => undefined);
  });

  it('verifies and tells whether Heat offers Docker container resources (Debian’s does not)', async () => {
    const result = await conn.verify();
    expect(result.ok).toBe(true);
    expect(await conn.offersDockerContainers()).toBe(false);
    expect(result.message).toMatch(/no DockerInc::Docker::Container: components start from user_data/);
  });

  it('creates one stack, adopts it on retry, scales one host group only, suspends/resumes and deletes it', async () => {
    const cluster = testCluster([
      { name: 'master', nodeCount: 1 },
      { name: 'worker', nodeCount: 2, options: { serverGroupPolicy: 'soft-anti-affinity' } },
    ]);
    clusters.push(cluster);
    const plan = launchPlan(cluster);
    const hooks = recordingHooks();
    await conn.apply(cluster, { launch: plan, terminate: [] }, hooks);
    const stack = await conn.findStack(cluster);
    expect(stack?.stack_status).toBe('CREATE_COMPLETE');
    expect(hooks.created).toEqual([{ providerId: stack!.id, type: 'OS::Heat::Stack' }]);
    expect(hooks.messages.some((m) => /herd-.*-worker-1: CREATE_COMPLETE/.test(m))).toBe(true);

    const retry = recordingHooks();
    await conn.apply(cluster, { launch: plan, terminate: [] }, retry);
    expect(retry.created).toEqual([{ providerId: stack!.id, type: 'OS::Heat::Stack' }]);

    const nodes = await conn.describe(cluster);
    expect(nodes.map((n) => [n.name, n.status]).sort()).toEqual(plan.map((n) => [n.name, 'RUNNING']).sort());
    const masterId = nodes.find((n) => n.hostGroup === 'master')!.providerId;

    // the server's user_data is the RAW script herd generated
    const userData = await adapter.connect({ ...env.admin }).nova.nova.getUserData(masterId);
    const vm = await playVm(userData!.replace(/^HERD_URL=.*$/m, "HERD_URL='http://127.0.0.1:9/'"));
    expect(vm.docker.filter((a) => a[0] === 'run').map((a) => a[a.indexOf('--name') + 1])).toEqual(['herd-namenode', 'herd-resourcemanager']);

    // scale the workers 2 -> 3: the master keeps its server
    cluster.hostGroups[1].nodeCount = 3;
    const grown = launchPlan(cluster).filter((n) => n.hostGroup === 'worker' && n.index === 2);
    const scale = recordingHooks();
    await conn.apply(cluster, { launch: grown, terminate: [] }, scale);
    expect(scale.messages.some((m) => /update started: \+1 -0/.test(m))).toBe(true);
    const after = await conn.describe(cluster);
    expect(after).toHaveLength(4);
    expect(after.find((n) => n.hostGroup === 'master')!.providerId).toBe(masterId);

    // scale in: remove worker-0
    const victim = after.find((n) => n.hostGroup === 'worker' && n.index === 0)!;
    await conn.apply(cluster, { launch: [], terminate: [victim] }, recordingHooks());
    expect((await conn.describe(cluster)).map((n) => n.name).sort()).toEqual(after.filter((n) => n !== victim).map((n) => n.name).sort());

    await conn.power.stop(cluster, after);
    expect((await conn.findStack(cluster))?.stack_status).toBe('SUSPEND_COMPLETE');
    expect((await conn.describe(cluster)).every((n) => n.status === 'STOPPED')).toBe(true);
    await conn.power.stop(cluster, after);
    await conn.power.start(cluster, after);
    expect((await conn.findStack(cluster))?.stack_status).toBe('RESUME_COMPLETE');
    expect((await conn.describe(cluster)).every((n) => n.status === 'RUNNING')).toBe(true);

    await conn.teardown(cluster);
    expect(await conn.findStack(cluster)).toBeUndefined();
    expect(await conn.describe(cluster)).toEqual([]);
  }, 240_000);

  it('keeps hostile names and values as plain strings in the template', async () => {
    const cluster = testCluster([{ name: 'master', nodeCount: 1 }]);
    const hostile = `x", "resources": {"evil": {"type": "OS::Heat::None"}}, "y": "{get_file: /etc/passwd}\n  evil:\n    type: OS::Heat::None`;
    cluster.hostGroups[0].components[0].env.HOSTILE = hostile;
    cluster.hostGroups[0].components[0].command = ['sh', '-c', hostile];
    clusters.push(cluster);
    await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks());
    const stack = await conn.findStack(cluster);
    const template = await conn.heat.template(stack!);
    expect(Object.keys(template.resources)).toEqual([launchPlan(cluster)[0].name]);
    const resources = await conn.heat.resources(stack!);
    expect(resources.map((r) => r.resource_type)).toEqual(['OS::Nova::Server']);
    await conn.teardown(cluster);
  });

  it('reports a failed stack with Heat’s stack_status_reason and rolls back cleanly', async () => {
    const cluster = testCluster([{ name: 'worker', nodeCount: 2, options: { serverGroupPolicy: 'anti-affinity' } }]);
    clusters.push(cluster);
    // Heat retries a failed server create (action_retry_limit, 5 by default) before the stack fails
    const error = await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks()).catch((e) => e);
    expect(error).toBeInstanceOf(FatalProviderError);
    expect(error.backendMessage).toMatch(/No valid host/i);
    const nodes = await conn.describe(cluster);
    expect(nodes.some((n) => n.status === 'ERROR' && /No valid host/i.test(n.statusReason ?? ''))).toBe(true);
    await conn.teardown(cluster);
    expect(await conn.findStack(cluster)).toBeUndefined();
    expect(await conn.describe(cluster)).toEqual([]);
  }, 240_000);
});
