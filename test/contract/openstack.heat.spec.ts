import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeystoneSession } from '../../src/providers/openstack/keystone';
import { CONFIG_ENTRY_SCRIPT, containerKey, DELAY_TYPE, DOCKER_CONTAINER_TYPE, dockerStartKey } from '../../src/providers/openstack/heat/heat.docker-container';
import { HeatAdapter } from '../../src/providers/openstack/heat/heat.provider';
import { HeatConnection } from '../../src/providers/openstack/heat/heat.connection';
import { ConflictError, FatalProviderError, nodeName, type ClusterSpec } from '../../src/providers/spi';
import { tearDown } from '../../src/providers/spi/conformance/driving';
import { playVm } from '../support/vm-player';
import { StandInHeatApi } from './heat-standin/stand-in-heat';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';
import { launchPlan, recordingHooks, testCluster, waitFor } from './openstack-fixtures';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

/** apply returns once Heat accepted the stack operation: the stack once that operation has ended. */
function settled(conn: HeatConnection, cluster: ClusterSpec) {
  return waitFor('the stack operation to end', async () => {
    const stack = await conn.findStack(cluster);
    return stack && !stack.stack_status.endsWith('_IN_PROGRESS') ? stack : undefined;
  }, 180_000, 500);
}

/** Tears down as herd does: asks Heat once, then polls describe until nothing is left. */
const removeAll = (conn: HeatConnection, cluster: ClusterSpec) => tearDown(conn, cluster, { pollIntervalMs: 500, statusTimeoutMs: 120_000, callTimeoutMs: 30_000 });

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

  it('verifies and tells whether Heat offers Docker container resources (Debian’s does not), asking Heat once per connection', async () => {
    const result = await conn.verify();
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/no DockerInc::Docker::Container: components start from user_data/);
    const fresh = adapter.connect({ ...env.user });
    const asked = vi.spyOn(fresh.heat, 'resourceTypes');
    expect(await fresh.offersDockerContainers()).toBe(false);
    expect(await fresh.offersDockerContainers()).toBe(false);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('components: auto falls back to user_data where Heat lacks the type, and says so', async () => {
    const cluster = testCluster([{ name: 'master', nodeCount: 1, options: { components: 'auto' } }]);
    clusters.push(cluster);
    const hooks = recordingHooks();
    await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, hooks);
    expect(hooks.messages).toContain(`host group master: components start from user_data (components=auto; Heat does not offer ${DOCKER_CONTAINER_TYPE})`);
    const stack = await settled(conn, cluster);
    expect(stack?.stack_status).toBe('CREATE_COMPLETE');
    expect((await conn.heat.resources(stack!)).map((r) => r.resource_type)).toEqual(['OS::Nova::Server']);
    const [node] = await conn.describe(cluster);
    const userData = await adapter.connect({ ...env.admin }).nova.nova.getUserData(node.providerId);
    expect(userData).toMatch(/docker run -d --restart unless-stopped --network host --name 'herd-namenode'/);
    await conn.teardown(cluster);
  }, 120_000);

  it('components: containers is refused at preflight, and by apply before any stack exists', async () => {
    const cluster = testCluster([
      { name: 'master', nodeCount: 1 },
      { name: 'worker', nodeCount: 1, options: { components: 'containers' } },
    ]);
    const problems = await conn.prerequisites(cluster);
    expect(problems).toEqual([
      { field: 'hostGroups[1].options.components', reason: expect.stringMatching(/^'containers' needs DockerInc::Docker::Container, which this Heat does not offer/) },
    ]);
    const error = await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks()).catch((e) => e);
    expect(error).toBeInstanceOf(FatalProviderError);
    expect(error.message).toMatch(/hostGroups\[1\]\.options\.components: 'containers' needs DockerInc::Docker::Container/);
    expect(await conn.findStack(cluster)).toBeUndefined();
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
    const stack = await settled(conn, cluster);
    expect(stack?.stack_status).toBe('CREATE_COMPLETE');
    expect(hooks.created).toEqual([{ providerId: stack!.id, type: 'OS::Heat::Stack' }]);
    expect(await conn.operationInProgress(cluster)).toBeUndefined();

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
    expect((await settled(conn, cluster)).stack_status).toBe('UPDATE_COMPLETE');
    const after = await conn.describe(cluster);
    expect(after).toHaveLength(4);
    expect(after.find((n) => n.hostGroup === 'master')!.providerId).toBe(masterId);

    // scale in: remove worker-0
    const victim = after.find((n) => n.hostGroup === 'worker' && n.index === 0)!;
    await conn.apply(cluster, { launch: [], terminate: [victim] }, recordingHooks());
    await settled(conn, cluster);
    expect((await conn.describe(cluster)).map((n) => n.name).sort()).toEqual(after.filter((n) => n !== victim).map((n) => n.name).sort());

    await conn.power.stop(cluster, after);
    expect((await conn.findStack(cluster))?.stack_status).toBe('SUSPEND_COMPLETE');
    expect((await conn.describe(cluster)).every((n) => n.status === 'STOPPED')).toBe(true);
    await conn.power.stop(cluster, after);
    await conn.power.start(cluster, after);
    expect((await conn.findStack(cluster))?.stack_status).toBe('RESUME_COMPLETE');
    expect((await conn.describe(cluster)).every((n) => n.status === 'RUNNING')).toBe(true);

    await removeAll(conn, cluster);
    expect(await conn.findStack(cluster)).toBeUndefined();
  }, 240_000);

  it('returns from apply and teardown once Heat accepted the stack operation, which describe and operationInProgress then follow', async () => {
    const cluster = testCluster([
      { name: 'master', nodeCount: 1 },
      { name: 'worker', nodeCount: 2 },
    ]);
    clusters.push(cluster);
    const plan = launchPlan(cluster);
    const started = Date.now();
    await conn.apply(cluster, { launch: plan, terminate: [] }, recordingHooks());
    const applyMs = Date.now() - started;
    const stack = (await conn.findStack(cluster))!;
    expect(stack.stack_status).toBe('CREATE_IN_PROGRESS');
    expect(await conn.operationInProgress(cluster)).toMatchObject({ status: `stack ${stack.stack_name} CREATE_IN_PROGRESS` });
    expect((await conn.describe(cluster)).filter((n) => n.status === 'RUNNING')).toEqual([]);
    // while it runs, the same plan adopts the stack and a changed plan is a conflict to retry later
    const again = recordingHooks();
    await conn.apply(cluster, { launch: plan, terminate: [] }, again);
    expect(again.created).toEqual([{ providerId: stack.id, type: 'OS::Heat::Stack' }]);
    const grown = { name: nodeName(cluster, 'worker', 3), hostGroup: 'worker', index: 3 };
    expect(await conn.apply(cluster, { launch: [grown], terminate: [] }, recordingHooks()).catch((e) => e)).toBeInstanceOf(ConflictError);

    expect((await settled(conn, cluster)).stack_status).toBe('CREATE_COMPLETE');
    const completeMs = Date.now() - started;
    expect((await conn.describe(cluster)).map((n) => n.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(await conn.operationInProgress(cluster)).toBeUndefined();
    expect(applyMs).toBeLessThan(completeMs);

    const deleting = Date.now();
    await conn.teardown(cluster);
    const teardownMs = Date.now() - deleting;
    expect((await conn.findStack(cluster))?.stack_status).toBe('DELETE_IN_PROGRESS');
    expect((await conn.describe(cluster)).map((n) => n.status)).toEqual(['TERMINATING', 'TERMINATING', 'TERMINATING']);
    await conn.teardown(cluster);
    await waitFor('nothing left', async () => ((await conn.describe(cluster)).length === 0 ? true : undefined), 120_000, 250);
    expect(await conn.findStack(cluster)).toBeUndefined();
    const goneMs = Date.now() - deleting;
    expect(teardownMs).toBeLessThan(goneMs);
    console.info(`Heat: apply returned after ${applyMs} ms, the stack was CREATE_COMPLETE after ${completeMs} ms; teardown returned after ${teardownMs} ms, the stack was gone after ${goneMs} ms`);
  }, 240_000);

  it('keeps hostile names and values as plain strings in the template', async () => {
    const cluster = testCluster([{ name: 'master', nodeCount: 1 }]);
    const hostile = `x", "resources": {"evil": {"type": "OS::Heat::None"}}, "y": "{get_file: /etc/passwd}\n  evil:\n    type: OS::Heat::None`;
    cluster.hostGroups[0].components[0].env.HOSTILE = hostile;
    cluster.hostGroups[0].components[0].command = ['sh', '-c', hostile];
    clusters.push(cluster);
    await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks());
    const stack = await settled(conn, cluster);
    const template = await conn.heat.template(stack!);
    expect(Object.keys(template.resources)).toEqual([launchPlan(cluster)[0].name]);
    const resources = await conn.heat.resources(stack!);
    expect(resources.map((r) => r.resource_type)).toEqual(['OS::Nova::Server']);
    await conn.teardown(cluster);
  });

  it('reports a failed stack as nodes in ERROR with Heat’s reason, and tears it down cleanly', async () => {
    const cluster = testCluster([{ name: 'worker', nodeCount: 2, options: { serverGroupPolicy: 'anti-affinity' } }]);
    clusters.push(cluster);
    await conn.apply(cluster, { launch: launchPlan(cluster), terminate: [] }, recordingHooks());
    // Heat retries a failed server create (action_retry_limit, 5 by default) before the stack fails
    expect((await settled(conn, cluster)).stack_status).toBe('CREATE_FAILED');
    expect(await conn.operationInProgress(cluster)).toBeUndefined();
    const nodes = await conn.describe(cluster);
    expect(nodes.some((n) => n.status === 'ERROR' && /No valid host/i.test(n.statusReason ?? ''))).toBe(true);
    await removeAll(conn, cluster);
    expect(await conn.findStack(cluster)).toBeUndefined();
  }, 240_000);

  it('Heat cannot resume an OS::Heat::Delay, which is why the containers path stops and starts through Nova', async () => {
    const name = `herd-delay-probe-${Date.now()}`;
    const id = await conn.heat.createStack(name, { heat_template_version: '2018-08-31', description: 'probe', resources: { d: { type: DELAY_TYPE, properties: { min_wait: 0 } } } }, ['herd'], 5);
    const stack = { id, stack_name: name, stack_status: 'CREATE_IN_PROGRESS' };
    try {
      const settled = (prefix: string) => async () => {
        const s = await conn.heat.getStack(name, id);
        return s && s.stack_status.startsWith(prefix) && !s.stack_status.endsWith('_IN_PROGRESS') ? s : undefined;
      };
      await waitFor('create', settled('CREATE_'), 60_000, 500);
      await conn.heat.action(stack, 'suspend');
      expect((await waitFor('suspend', settled('SUSPEND_'), 60_000, 500)).stack_status).toBe('SUSPEND_COMPLETE');
      await conn.heat.action(stack, 'resume');
      const resumed = await waitFor('resume', settled('RESUME_'), 60_000, 500);
      expect(resumed.stack_status).toBe('RESUME_FAILED');
      expect(resumed.stack_status_reason).toMatch(/'Delay' object has no attribute '_check_status_complete'/);
    } finally {
      await conn.heat.deleteStack(stack);
    }
  });

  it('emits one container per component in start order, which the real engine creates (the Docker plugin played by a stand-in template)', async () => {
    const standIn = new StandInHeatApi(new KeystoneSession({ ...env.user }));
    const docker = new HeatConnection(standIn.session, { pollIntervalMs: 500 }, standIn);
    const hostile = `x", "evil": {"type": "OS::Heat::None"}, "y": {"get_file": "/etc/passwd"}\n  evil:\n    type: OS::Heat::None`;
    const cluster = testCluster([
      { name: 'master', nodeCount: 1, options: { components: 'auto', dockerStartDelaySeconds: 1 } },
      { name: 'worker', nodeCount: 1, options: { components: 'containers', dockerStartDelaySeconds: 1 } },
    ]);
    const dn = cluster.hostGroups[1].components[0];
    dn.image = `apache/hadoop:3.3.6${hostile}`;
    dn.command = ['sh', '-c', hostile];
    dn.env.HOSTILE = hostile;
    dn.configFiles[0].content = `<x>${hostile}</x>`;
    clusters.push(cluster);
    expect(await docker.prerequisites(cluster)).toEqual([]);

    const plan = launchPlan(cluster);
    const hooks = recordingHooks();
    await docker.apply(cluster, { launch: plan, terminate: [] }, hooks);
    expect(hooks.messages).toContain(`host group master: Heat creates one ${DOCKER_CONTAINER_TYPE} per component (components=auto; Heat offers the type)`);
    const stack = await settled(docker, cluster);
    expect(stack.stack_status).toBe('CREATE_COMPLETE');

    const [master, worker] = [plan[0].name, plan[1].name];
    const types = Object.fromEntries((await standIn.resources(stack)).map((r) => [r.resource_name, [r.resource_type, r.resource_status]]));
    expect(types).toEqual({
      [master]: ['OS::Nova::Server', 'CREATE_COMPLETE'],
      [dockerStartKey(master)]: [DELAY_TYPE, 'CREATE_COMPLETE'],
      [containerKey(master, 'NAMENODE')]: [DOCKER_CONTAINER_TYPE, 'CREATE_COMPLETE'],
      [containerKey(master, 'RESOURCEMANAGER')]: [DOCKER_CONTAINER_TYPE, 'CREATE_COMPLETE'],
      [worker]: ['OS::Nova::Server', 'CREATE_COMPLETE'],
      [dockerStartKey(worker)]: [DELAY_TYPE, 'CREATE_COMPLETE'],
      [containerKey(worker, 'DATANODE')]: [DOCKER_CONTAINER_TYPE, 'CREATE_COMPLETE'],
    });
    // Heat followed depends_on: server, delay, NAMENODE, then RESOURCEMANAGER
    const events = (await standIn.events(stack)).map((e) => `${e.resource_name}: ${e.resource_status}`);
    const at = (resource: string, status: string) => events.indexOf(`${resource}: ${status}`);
    const order = [
      at(master, 'CREATE_COMPLETE'),
      at(dockerStartKey(master), 'CREATE_IN_PROGRESS'),
      at(dockerStartKey(master), 'CREATE_COMPLETE'),
      at(containerKey(master, 'NAMENODE'), 'CREATE_IN_PROGRESS'),
      at(containerKey(master, 'NAMENODE'), 'CREATE_COMPLETE'),
      at(containerKey(master, 'RESOURCEMANAGER'), 'CREATE_IN_PROGRESS'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // what Heat passed to the container (comma-joined, as Heat hands lists to a provider template)
    const nodes = await docker.describe(cluster);
    expect(nodes.map((n) => n.name).sort()).toEqual([master, worker].sort());
    const params = await standIn.standInParameters(stack, containerKey(worker, 'DATANODE'));
    expect(params.image).toBe(dn.image);
    expect(params.name).toBe('herd-datanode');
    expect(params.docker_endpoint).toBe('tcp://:2375'); // networks: none, so the server has no address
    expect(params.cmd).toBe(['/bin/sh', '-c', CONFIG_ENTRY_SCRIPT, 'herd-config', ...dn.command].join(','));
    expect(params.env).toBe(
      [`HADOOP_HOME=/opt/hadoop`, `HOSTILE=${hostile}`, `HERD_CONFIG_PATH_0=${dn.configFiles[0].path}`, `HERD_CONFIG_0=${Buffer.from(`<x>${hostile}</x>`).toString('base64')}`].join(','),
    );

    // the server's user_data opens Docker to Heat and reports to herd; it starts nothing itself
    const userData = await adapter.connect({ ...env.admin }).nova.nova.getUserData(nodes.find((n) => n.name === master)!.providerId);
    const vm = await playVm(userData!.replace(/^HERD_URL=.*$/m, "HERD_URL='http://127.0.0.1:9/'"));
    expect(vm.docker.filter((a) => a[0] === 'run')).toEqual([]);
    expect(vm.files['systemd/docker.service.d/herd-heat.conf']).toMatch(/-H tcp:\/\/\S+:2375/);

    // scale the workers 1 -> 2, then drop worker-0: its containers go with it, the master's stay as they were
    const before = JSON.stringify((await standIn.template(stack)).resources[containerKey(master, 'NAMENODE')]);
    cluster.hostGroups[1].nodeCount = 2;
    const grown = launchPlan(cluster).filter((n) => n.hostGroup === 'worker' && n.index === 1);
    await docker.apply(cluster, { launch: grown, terminate: [] }, recordingHooks());
    await settled(docker, cluster);
    await docker.apply(cluster, { launch: [], terminate: nodes.filter((n) => n.name === worker) }, recordingHooks());
    await settled(docker, cluster);
    const after = (await standIn.template(stack)).resources;
    expect(Object.keys(after).filter((k) => k.startsWith(worker))).toEqual([]);
    expect(Object.keys(after)).toContain(containerKey(grown[0].name, 'DATANODE'));
    expect(JSON.stringify(after[containerKey(master, 'NAMENODE')])).toBe(before);
    expect((await docker.findStack(cluster))?.stack_status).toBe('UPDATE_COMPLETE');

    // Heat cannot resume an OS::Heat::Delay, so the whole cluster stops and starts through Nova, the stack untouched
    const all = await docker.describe(cluster);
    const allAre = (status: string) => async () => ((await docker.describe(cluster)).every((n) => n.status === status) ? true : undefined);
    await docker.power.stop(cluster, all);
    await waitFor('every server SHUTOFF', allAre('STOPPED'), 60_000, 500);
    await docker.power.start(cluster, all);
    await waitFor('every server ACTIVE', allAre('RUNNING'), 60_000, 500);
    expect((await docker.findStack(cluster))?.stack_status).toBe('UPDATE_COMPLETE');

    await removeAll(docker, cluster);
    expect(await docker.findStack(cluster)).toBeUndefined();
  }, 240_000);
});
