import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerProvider } from '../../src/providers/docker';
import { LABEL } from '../../src/providers/docker/docker.labels';
import {
  AuthFailedError,
  FatalProviderError,
  RetryableProviderError,
  type ApplyHooks,
  type ClusterSpec,
  type ObservedNode,
  type ProviderConnection,
} from '../../src/providers/spi';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, pullEvents, rawDocker, testDockerParameters } from '../support/docker-engine';
import { NAMENODE, desiredNodes, hadoopCluster, hostGroup } from '../support/docker-hadoop-stack';
import { dockerTlsEndpoint, type DockerTlsEndpoint } from '../support/docker-tls';
import { patience } from '../support/patience';

interface RecordedResource {
  node?: string;
  providerId: string;
  type: string;
}

function recordingHooks(): ApplyHooks & { created: RecordedResource[] } {
  const created: RecordedResource[] = [];
  return { created, resourceCreated: async (resource) => void created.push(resource) };
}

async function waitFor(connection: ProviderConnection, cluster: ClusterSpec, done: (nodes: ObservedNode[]) => boolean): Promise<ObservedNode[]> {
  const deadline = Date.now() + patience(60_000);
  let nodes: ObservedNode[] = [];
  while (Date.now() < deadline) {
    nodes = await connection.describe(cluster);
    if (done(nodes)) return nodes;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`describe never satisfied the condition; last: ${JSON.stringify(nodes.map((node) => [node.name, node.status, node.statusReason]))}`);
}

async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + patience(30_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const allRunning = (count: number) => (nodes: ObservedNode[]) =>
  nodes.length === count && nodes.every((node) => node.status === 'RUNNING' && node.components.every((component) => component.status === 'running'));

async function labelled(kind: 'containers' | 'networks' | 'volumes', cluster: ClusterSpec): Promise<unknown[]> {
  const filters = { label: [`${LABEL.cluster}=${cluster.tag}`] };
  const docker = rawDocker();
  if (kind === 'containers') return docker.listContainers({ all: true, filters });
  if (kind === 'networks') return docker.listNetworks({ filters });
  return (await docker.listVolumes({ filters })).Volumes ?? [];
}

describe('docker provider on a real engine', { timeout: patience(180_000) }, () => {
  const connection = dockerProvider.connect({ ...testDockerParameters() });
  const clusters: ClusterSpec[] = [];
  let windowStart = 0;

  const track = (cluster: ClusterSpec) => {
    clusters.push(cluster);
    return cluster;
  };

  beforeAll(async () => {
    await ensureDockerEngine();
    windowStart = Math.floor(Date.now() / 1000) - 1;
  }, ENGINE_START_TIMEOUT_MS);

  afterAll(async () => {
    for (const cluster of clusters) await connection.teardown(cluster);
  });

  it('verifies the engine with its version and endpoint', async () => {
    const result = await connection.verify();
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Docker Engine \S+ \(API \d+\.\d+\) reachable at unix:\/\//);
  });

  it('launches two host groups, finds them by label, and a re-apply creates nothing', async () => {
    const cluster = track(hadoopCluster(2));
    expect(await connection.prerequisites(cluster)).toEqual([]);
    const hooks = recordingHooks();
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, hooks);

    const nodes = await waitFor(connection, cluster, allRunning(3));
    expect(nodes.map((node) => [node.hostGroup, node.index])).toEqual([['master', 0], ['worker', 0], ['worker', 1]]);
    expect(nodes.map((node) => node.name)).toEqual(desiredNodes(cluster).map((node) => node.name));
    const master = nodes[0];
    expect(master.components.map((component) => component.name)).toEqual(['NAMENODE', 'RESOURCEMANAGER']);
    expect(master.addresses.private).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    // The workers heartbeat to the master named in the config files herd copied in: the figures follow the cluster.
    const namenode = master.components.find((component) => component.name === 'NAMENODE')!.endpoint;
    const resourcemanager = master.components.find((component) => component.name === 'RESOURCEMANAGER')!.endpoint;
    await eventually(async () => {
      const jmx = (await (await fetch(`${namenode}/jmx`)).json()) as { beans: Array<{ NumLiveDataNodes?: number }> };
      expect(jmx.beans[0].NumLiveDataNodes).toBe(2);
      const metrics = (await (await fetch(`${resourcemanager}/ws/v1/cluster/metrics`)).json()) as { clusterMetrics: { activeNodes: number } };
      expect(metrics.clusterMetrics.activeNodes).toBe(2);
    });

    const containers = (await labelled('containers', cluster)) as Array<{ Id: string; Labels: Record<string, string> }>;
    expect(containers).toHaveLength(3 + 6);
    const datanode = containers.find((container) => container.Labels[LABEL.component] === 'DATANODE' && container.Labels[LABEL.nodeIndex] === '1')!;
    expect(datanode.Labels).toMatchObject({ [LABEL.hostGroup]: 'worker', [LABEL.node]: nodes[2].name, [LABEL.tenant]: cluster.tenantId });
    const networks = (await labelled('networks', cluster)) as Array<{ Id: string }>;
    expect(networks).toHaveLength(1);
    expect(hooks.created.map((resource) => resource.providerId).sort()).toEqual([...containers.map((container) => container.Id), networks[0].Id].sort());

    const again = recordingHooks();
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, again);
    expect(again.created).toEqual([]);
    const after = (await labelled('containers', cluster)) as Array<{ Id: string }>;
    expect(after.map((container) => container.Id).sort()).toEqual(containers.map((container) => container.Id).sort());
  });

  it('gives each node a hostname and aliases its components share, and sets limits, init, restart policy and the health endpoint herd probes', async () => {
    const cluster = track(hadoopCluster(1));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    const nodes = await waitFor(connection, cluster, allRunning(2));
    const containers = (await labelled('containers', cluster)) as Array<{ Id: string; Labels: Record<string, string> }>;
    const namenode = containers.find((container) => container.Labels[LABEL.component] === 'NAMENODE')!;
    const details = await rawDocker().getContainer(namenode.Id).inspect();
    expect(details.HostConfig).toMatchObject({ Init: true, NanoCpus: 0.5e9, Memory: 512 * 1024 * 1024, PidsLimit: 512, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } });
    expect(details.HostConfig.NetworkMode).toMatch(/^container:/);
    // herd probes the endpoint itself; the engine runs no health check process in the container.
    expect(details.Config.Healthcheck).toBeUndefined();
    expect(details.Config.Labels).toMatchObject({ 'io.herd.endpoint-port': '9870', 'io.herd.health-path': '/jmx' });
    expect(details.Config.Env).toContain('HADOOP_ROLE=NAMENODE');

    // A DataNode finds the NameNode by its node name and by its short alias, through the engine's DNS.
    const datanode = containers.find((container) => container.Labels[LABEL.component] === 'DATANODE')!;
    for (const host of [nodes[0].name, 'master-0']) {
      const exec = await rawDocker().getContainer(datanode.Id).exec({ Cmd: ['wget', '-qO-', `http://${host}:9870/jmx`], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({});
      const output: Buffer[] = [];
      await new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => output.push(chunk));
        stream.on('end', () => resolve());
      });
      expect(Buffer.concat(output).toString('utf8')).toContain('NumLiveDataNodes');
    }
    const hostname = await rawDocker().getContainer(namenode.Id).inspect();
    expect(hostname.Config.Hostname).toBe(nodes[0].name);
  });

  it("runs a command in a node's component and says how it ended", async () => {
    const cluster = track(hadoopCluster(1));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    const [master] = await waitFor(connection, cluster, allRunning(2));
    const commands = connection.commands!;
    expect(await commands.run(cluster, master, 'NAMENODE', ['hostname'])).toEqual({ exitCode: 0, output: `${master.name}\n` });
    const failed = await commands.run(cluster, master, 'NAMENODE', ['sh', '-c', 'echo "to stderr" >&2; exit 3']);
    expect(failed).toEqual({ exitCode: 3, output: 'to stderr\n' });
    await expect(commands.run(cluster, master, 'DATANODE', ['hostname'])).rejects.toThrow(/No running DATANODE container on node/);
  });

  it('scales a host group up and down', async () => {
    const cluster = track(hadoopCluster(1));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    await waitFor(connection, cluster, allRunning(2));

    cluster.hostGroups[1].nodeCount = 3;
    const before = (await connection.describe(cluster)).map((node) => node.name);
    const launch = desiredNodes(cluster).filter((node) => !before.includes(node.name));
    expect(launch).toHaveLength(2);
    await connection.apply(cluster, { launch, terminate: [] }, recordingHooks());
    const scaled = await waitFor(connection, cluster, allRunning(4));

    cluster.hostGroups[1].nodeCount = 1;
    const surplus = scaled.filter((node) => node.hostGroup === 'worker' && node.index >= 1);
    await connection.apply(cluster, { launch: [], terminate: surplus }, recordingHooks());
    const shrunk = await connection.describe(cluster);
    expect(shrunk.map((node) => [node.hostGroup, node.index])).toEqual([['master', 0], ['worker', 0]]);
    expect(await labelled('containers', cluster)).toHaveLength(2 * 3);
  });

  it('stops and starts nodes: sandbox last on stop, first on start', async () => {
    const cluster = track(hadoopCluster(1));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    const running = await waitFor(connection, cluster, allRunning(2));

    await connection.power!.stop(cluster, running);
    const stopped = await connection.describe(cluster);
    expect(stopped.map((node) => node.status)).toEqual(['STOPPED', 'STOPPED']);
    expect(stopped.flatMap((node) => node.components.map((component) => component.status))).toEqual(['stopped', 'stopped', 'stopped', 'stopped']);

    await connection.power!.start(cluster, stopped);
    const started = await waitFor(connection, cluster, allRunning(2));
    const jmx = await fetch(`${started[0].components[0].endpoint}/jmx`);
    expect(jmx.ok).toBe(true);
  });

  it('shows a killed component container as a failed component of an ERROR node', async () => {
    const cluster = track(hadoopCluster(1));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    await waitFor(connection, cluster, allRunning(2));
    const containers = (await labelled('containers', cluster)) as Array<{ Id: string; Labels: Record<string, string> }>;
    const datanode = containers.find((container) => container.Labels[LABEL.component] === 'DATANODE')!;
    await rawDocker().getContainer(datanode.Id).kill();

    const nodes = await waitFor(connection, cluster, (observed) => observed.some((node) => node.status === 'ERROR'));
    const worker = nodes.find((node) => node.hostGroup === 'worker')!;
    expect(worker.status).toBe('ERROR');
    expect(worker.components.find((component) => component.name === 'DATANODE')).toMatchObject({ status: 'failed', reason: expect.stringContaining('exit code 137') });
    expect(worker.statusReason).toContain('DATANODE');
    expect(nodes.find((node) => node.hostGroup === 'master')!.status).toBe('RUNNING');
  });

  it('puts the last log lines of a crashed component in the failure reason', async () => {
    const crashing = { ...NAMENODE, env: { HADOOP_SIM_FAIL: 'java.net.BindException: Port in use: 0.0.0.0:9870' } };
    const cluster = track(hadoopCluster(0, { hostGroups: [hostGroup('master', 1, [crashing], { restartRetries: 0 })] }));
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    const [node] = await waitFor(connection, cluster, (nodes) => nodes[0]?.status === 'ERROR');
    expect(node.components[0].status).toBe('failed');
    expect(node.components[0].reason).toContain('exit code 1');
    expect(node.components[0].reason).toContain('INFO namenode: starting');
    expect(node.components[0].reason).toContain('java.net.BindException: Port in use');
    expect(node.statusReason).toContain('java.net.BindException');
  });

  it('publishes web UI ports on 127.0.0.1 and mounts per-node volumes when the host group asks', async () => {
    const cluster = track(
      hadoopCluster(0, { hostGroups: [hostGroup('master', 1, [NAMENODE], { publishPorts: true, volumes: [{ name: 'dfs', target: '/hadoop/dfs' }] })] }),
    );
    const hooks = recordingHooks();
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, hooks);
    const [node] = await waitFor(connection, cluster, allRunning(1));
    expect(node.components[0].endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${node.components[0].endpoint}/jmx`)).ok).toBe(true);
    expect(hooks.created.filter((resource) => resource.type === 'volume')).toHaveLength(1);
    const [volume] = (await labelled('volumes', cluster)) as Array<{ Name: string }>;
    const containers = (await labelled('containers', cluster)) as Array<{ Id: string; Labels: Record<string, string> }>;
    const namenode = await rawDocker().getContainer(containers.find((container) => container.Labels[LABEL.role] === 'component')!.Id).inspect();
    expect(namenode.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Name: volume.Name, Destination: '/hadoop/dfs' })]);
  });

  it('tears down everything labelled with the cluster, including containers herd never recorded, and again is a no-op', async () => {
    const cluster = hadoopCluster(1, {});
    cluster.hostGroups[0].options = { volumes: [{ name: 'dfs', target: '/hadoop/dfs' }] };
    await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    await waitFor(connection, cluster, allRunning(2));
    // A stray: made behind herd's back, known only by its label.
    const stray = await rawDocker().createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '600'], Labels: { [LABEL.cluster]: cluster.tag } });
    await stray.start();

    await connection.teardown(cluster);
    expect(await labelled('containers', cluster)).toEqual([]);
    expect(await labelled('networks', cluster)).toEqual([]);
    expect(await labelled('volumes', cluster)).toEqual([]);
    expect(await connection.describe(cluster)).toEqual([]);
    await connection.teardown(cluster);
  });

  it('refuses a missing image with a FatalProviderError naming it, before creating anything', async () => {
    const missing = 'herd/not-on-this-engine:404';
    const cluster = track(hadoopCluster(1, {}));
    cluster.hostGroups[1].options = { image: { DATANODE: missing } };
    expect(await connection.prerequisites(cluster)).toEqual([
      { field: 'hostGroups[1].components[0].image', reason: expect.stringContaining(missing) },
    ]);
    const hooks = recordingHooks();
    const failure = connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, hooks);
    await expect(failure).rejects.toBeInstanceOf(FatalProviderError);
    await expect(failure).rejects.toThrow(missing);
    expect(hooks.created).toEqual([]);
    expect(await labelled('containers', cluster)).toEqual([]);
  });

  it('reports unknown instance types and options as pre-flight problems', async () => {
    const cluster = hadoopCluster(1);
    cluster.hostGroups[0].instanceType = 'gigantic';
    cluster.hostGroups[1].options = { publishPorts: 'yes', volumes: [{ name: 'Bad Name', target: 'relative' }] };
    const problems = await connection.prerequisites(cluster);
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'hostGroups[0].instanceType',
      'hostGroups[1].options.publishPorts',
      'hostGroups[1].options.volumes[0].name',
      'hostGroups[1].options.volumes[0].target',
    ]);
  });

  it('maps an unreachable engine to a retryable error and a failed verify', async () => {
    const nowhere = dockerProvider.connect({ socketPath: '/run/herd-no-such-engine.sock' });
    expect(await nowhere.verify()).toMatchObject({ ok: false, message: expect.stringContaining('could not be reached') });
    await expect(nowhere.describe(hadoopCluster(1))).rejects.toBeInstanceOf(RetryableProviderError);
  });

  describe('over TCP with TLS client certificates (dockerd --tlsverify)', () => {
    let tls: DockerTlsEndpoint;
    beforeAll(() => {
      tls = dockerTlsEndpoint();
    });

    it('verifies, launches, describes and tears down through the TLS endpoint', async () => {
      const secure = dockerProvider.connect({ host: tls.host, port: tls.port, tls: tls.client });
      expect(await secure.verify()).toMatchObject({ ok: true, message: expect.stringContaining(`reachable at https://127.0.0.1:${tls.port}`) });
      const cluster = track(hadoopCluster(0, { hostGroups: [hostGroup('master', 1, [NAMENODE])] }));
      await secure.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
      await waitFor(secure, cluster, allRunning(1));
      await secure.teardown(cluster);
      expect(await labelled('containers', cluster)).toEqual([]);
    });

    it('maps a client certificate the engine refuses, and an engine certificate we do not trust, to AuthFailedError', async () => {
      const rogue = dockerProvider.connect({ host: tls.host, port: tls.port, tls: tls.rogue });
      await expect(rogue.describe(hadoopCluster(1))).rejects.toBeInstanceOf(AuthFailedError);
      expect(await rogue.verify()).toMatchObject({ ok: false });
      const distrustful = dockerProvider.connect({ host: tls.host, port: tls.port, tls: { ...tls.client, ca: tls.rogue.cert } });
      await expect(distrustful.describe(hadoopCluster(1))).rejects.toBeInstanceOf(AuthFailedError);
    });
  });

  it('with pull policy ifNotPresent, launches from an image the engine has without pulling it', async () => {
    const eager = dockerProvider.connect({ ...testDockerParameters(), pullPolicy: 'ifNotPresent' });
    const cluster = track(hadoopCluster(0, { hostGroups: [hostGroup('master', 1, [NAMENODE])] }));
    await eager.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, recordingHooks());
    await waitFor(eager, cluster, allRunning(1));
  });

  it('never asked the engine to pull an image', async () => {
    const events = await pullEvents(windowStart, Math.ceil(Date.now() / 1000) + 1);
    expect(events).toEqual([]);
  });
});
