import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/providers/docker/docker.labels';
import { getCluster, requestCluster, settle } from '../support/clusters';
import { ENGINE_START_TIMEOUT_MS, ensureDockerEngine, rawDocker, testDockerParameters } from '../support/docker-engine';
import {
  HADOOP_IMAGE,
  IMAGE_BUILD_TIMEOUT_MS,
  WebHdfs,
  addressBook,
  componentContainer,
  endpointOf,
  ensureHadoopImage,
  execIn,
  importBlueprint,
  namenodeBean,
} from '../support/real-hadoop';
import { realHadoopBlueprint } from '../support/real-hadoop-blueprint';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { until } from '../support/until';

const EXAMPLES_JAR = '/opt/hadoop/lib/hadoop-mapreduce-examples-3.4.2.jar';
const MONITOR_INTERVAL_MS = 5_000;
const OPERATION_TIMEOUT_MS = 480_000;
const WORDS = ['herd', 'hadoop', 'yarn', 'hdfs', 'datanode', 'namenode'];

/** A text whose word counts are known: word i of WORDS appears (i + 1) * 37 times. */
function wordcountInput(): { text: string; counts: Map<string, number> } {
  const counts = new Map(WORDS.map((word, i) => [word, (i + 1) * 37]));
  const words = WORDS.flatMap((word) => Array.from({ length: counts.get(word)! }, () => word));
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 9) lines.push(words.slice(i, i + 9).join(' '));
  return { text: `${lines.join('\n')}\n`, counts };
}

function clusterContainers(clusterId: string) {
  return rawDocker().listContainers({ all: true, filters: { label: [`${LABEL.cluster}=${clusterId}`] } });
}

/**
 * One real Apache Hadoop 3.5 cluster (1 master + 3 workers) on the real Docker engine, driven
 * through herd's HTTP API and checked through Hadoop's own interfaces: JMX, WebHDFS, YARN's REST
 * API and the hdfs/yarn clients inside the node containers. The checks share the cluster and run
 * in order; the last one deletes it.
 */
describe('real Apache Hadoop on the Docker engine, through the HTTP API', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let credentialId: string;
  let clusterId: string;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    await ensureDockerEngine();
    ensureHadoopImage();
    app = await startTestApp({ ownDatabase: true, env: { HERD_POLL_MAX_MS: '1000', HERD_MONITOR_INTERVAL_MS: String(MONITOR_INTERVAL_MS) } });
    tenant = await app.newTenant();
    const res = await http()
      .post('/v1/credentials')
      .set('Authorization', tenant.auth)
      .send({ name: 'engine', provider: 'docker', parameters: testDockerParameters({ pullPolicy: 'never' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    credentialId = res.body.id;
  }, ENGINE_START_TIMEOUT_MS + IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    // A failed check leaves the shared cluster behind: remove its containers and network directly.
    const docker = rawDocker();
    for (const container of await docker.listContainers({ all: true, filters: { label: [`${LABEL.tenant}=${tenant?.tenantId}`] } })) {
      await docker.getContainer(container.Id).remove({ force: true, v: true });
    }
    for (const network of await docker.listNetworks({ filters: { label: [`${LABEL.tenant}=${tenant?.tenantId}`] } })) {
      await docker.getNetwork(network.Id).remove();
    }
  }, 120_000);

  async function cluster() {
    return getCluster(app, tenant, clusterId);
  }

  async function webHdfs(): Promise<WebHdfs> {
    const current = await cluster();
    return new WebHdfs(endpointOf(current, 'NAMENODE'), addressBook(current));
  }

  async function workerNames(): Promise<string[]> {
    const current = await cluster();
    return current.hostGroups.find((group: { name: string }) => group.name === 'worker').nodes.map((node: { name: string }) => node.name);
  }

  it('reaches AVAILABLE only once the NameNode counts 3 live DataNodes and the ResourceManager 3 active NodeManagers', async () => {
    // Two replicas: HDFS can then decommission one of three DataNodes (a block cannot have more replicas than DataNodes).
    const blueprint = await importBlueprint(app, tenant, realHadoopBlueprint('real-hadoop', [{ 'hdfs-site': { 'dfs.replication': '2' } }]));
    // No restarts by the engine: a killed daemon stays down until herd repairs it (checked below).
    const options = { restartRetries: 0 };
    const created = await requestCluster(app, tenant, {
      name: 'real-hadoop',
      blueprint,
      credential: credentialId,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium', options },
        { name: 'worker', nodeCount: 3, instanceType: 'medium', options },
      ],
    });
    clusterId = created.id;
    const operation = await settle(app, tenant, created.operationId, OPERATION_TIMEOUT_MS);
    expect(operation, JSON.stringify(operation)).toMatchObject({ status: 'succeeded', error: null });
    const current = await cluster();
    expect(current.status).toBe('AVAILABLE');

    const containers = await clusterContainers(clusterId);
    expect(containers.every((container) => container.Image === HADOOP_IMAGE && container.State === 'running')).toBe(true);
    const namenode = endpointOf(current, 'NAMENODE');
    expect(await namenodeBean(namenode, 'FSNamesystemState')).toMatchObject({ NumLiveDataNodes: 3, FSState: 'Operational' });
    const metrics = (await (await fetch(`${endpointOf(current, 'RESOURCEMANAGER')}/ws/v1/cluster/metrics`)).json()) as { clusterMetrics: { activeNodes: number } };
    expect(metrics.clusterMetrics.activeNodes).toBe(3);

    const events = await http().get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const messages: string[] = events.body.items.map((event: { message: string }) => event.message);
    expect(messages).toContain('Cluster verified: 3/3 DataNodes live, 3/3 NodeManagers active');
    expect(messages.join('\n')).toMatch(/Formatting and starting the NameNode: 0 of 1 up/);
    expect(messages.join('\n')).toMatch(/Starting the (DataNodes|NodeManagers): \d of 3 up/);
  }, OPERATION_TIMEOUT_MS + 60_000);

  it('stores a file through WebHDFS with replication 2 and reads it back byte for byte', async () => {
    const hdfs = await webHdfs();
    const data = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7919) % 251));
    await hdfs.create('/herd/replicated.bin', data, 2);
    expect(await hdfs.status('/herd/replicated.bin')).toMatchObject({ replication: 2, length: data.length });
    expect((await hdfs.read('/herd/replicated.bin')).equals(data)).toBe(true);
  }, 120_000);

  it('runs the MapReduce wordcount as a YARN application, submitted from a DataNode container, with the right counts', async () => {
    const { text, counts } = wordcountInput();
    const hdfs = await webHdfs();
    await hdfs.create('/wordcount/in/words.txt', Buffer.from(text), 2);

    const [firstWorker] = await workerNames();
    // The DataNode container runs no YARN daemon: its yarn-site and mapred-site are the cluster's client configuration.
    const job = await execIn(await componentContainer(clusterId, firstWorker, 'DATANODE'), ['yarn', 'jar', EXAMPLES_JAR, 'wordcount', '/wordcount/in', '/wordcount/out']);
    const log = `${job.stdout}\n${job.stderr}`;
    expect(job.exitCode, log.slice(-4000)).toBe(0);
    expect(log).toMatch(/Submitted application application_\d+_\d+/);
    expect(log).toMatch(/completed successfully/);

    // Read back from the master's ResourceManager container: its hdfs-site reaches the NameNode too.
    const master = (await cluster()).hostGroups.find((group: { name: string }) => group.name === 'master').nodes[0].name;
    const output = await execIn(await componentContainer(clusterId, master, 'RESOURCEMANAGER'), ['hdfs', 'dfs', '-cat', '/wordcount/out/part-r-00000']);
    expect(output.exitCode, output.stderr).toBe(0);
    const counted = new Map(
      output.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .map(([word, count]) => [word, Number(count)]),
    );
    expect(counted).toEqual(counts);

    const apps = (await (await fetch(`${endpointOf(await cluster(), 'RESOURCEMANAGER')}/ws/v1/cluster/apps`)).json()) as {
      apps: { app: { name: string; applicationType: string; finalStatus: string }[] };
    };
    expect(apps.apps.app).toContainEqual(expect.objectContaining({ name: 'word count', applicationType: 'MAPREDUCE', finalStatus: 'SUCCEEDED' }));
  }, 600_000);

  it('turns DEGRADED when a DataNode process dies, naming the node and component, and a repair brings it back to HEALTHY', async () => {
    const worker = (await workerNames())[1];
    const datanode = await componentContainer(clusterId, worker, 'DATANODE');
    await execIn(datanode, ['pkill', '-9', '-f', 'proc_datanode']);
    const degraded = await until(
      'the cluster to turn DEGRADED',
      cluster,
      (current) => current.health === 'DEGRADED',
      2 * MONITOR_INTERVAL_MS + 10_000,
    );
    const healthEvents = await http().get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const latest = healthEvents.body.items.map((event: { message: string }) => event.message).filter((message: string) => message.startsWith('DEGRADED'));
    expect(latest.join('\n')).toContain(`${worker}`);
    expect(latest.join('\n')).toContain('DATANODE');
    expect(degraded.status).toBe('AVAILABLE');

    const repair = await http().post(`/v1/clusters/${clusterId}/repair`).set('Authorization', tenant.auth).send({}).expect(202);
    expect(await settle(app, tenant, repair.body.operationId, OPERATION_TIMEOUT_MS)).toMatchObject({ status: 'succeeded', error: null });
    await until('the cluster to be HEALTHY again', cluster, (current) => current.health === 'HEALTHY', 4 * MONITOR_INTERVAL_MS + 20_000);
    // The NameNode stops offering the dead DataNode once it is stale (10 s of silence, herd's default).
    const namenode = endpointOf(await cluster(), 'NAMENODE');
    await until(
      'the NameNode to call the dead DataNode stale',
      () => namenodeBean(namenode, 'FSNamesystemState'),
      (bean) => Number(bean.NumStaleDataNodes) >= 1 || Number(bean.NumDeadDataNodes) >= 1,
      60_000,
    );
    expect(await (await webHdfs()).read('/herd/replicated.bin')).toHaveLength(3 * 1024 * 1024);
  }, OPERATION_TIMEOUT_MS + 120_000);

  it('decommissions DataNodes and NodeManagers before removing them: a replication-2 file stays whole after 3 -> 2 workers', async () => {
    const before = await workerNames();
    const data = Buffer.from(Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 104729) % 253));
    await (await webHdfs()).create('/herd/before-scale-down.bin', data, 2);

    const scale = await http().put(`/v1/clusters/${clusterId}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId, OPERATION_TIMEOUT_MS)).toMatchObject({ status: 'succeeded', error: null });
    const after = await workerNames();
    expect(after).toHaveLength(2);
    const removed = before.filter((name) => !after.includes(name));
    expect(removed).toHaveLength(1);

    const events = await http().get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const messages: string[] = events.body.items.map((event: { message: string }) => event.message);
    expect(messages.some((message) => message.includes('Decommissioning') && message.includes(removed[0]))).toBe(true);

    const hdfs = await webHdfs();
    expect((await hdfs.read('/herd/before-scale-down.bin')).equals(data)).toBe(true);
    expect((await hdfs.read('/herd/replicated.bin')).length).toBe(3 * 1024 * 1024);
    const master = (await cluster()).hostGroups.find((group: { name: string }) => group.name === 'master').nodes[0].name;
    const fsck = await execIn(await componentContainer(clusterId, master, 'NAMENODE'), ['hdfs', 'fsck', '/']);
    expect(fsck.stdout).toMatch(/Missing blocks:\s+0/);
    expect(fsck.stdout).toContain('is HEALTHY');
  }, OPERATION_TIMEOUT_MS + 60_000);

  it('scales up: a new DataNode and NodeManager join and count', async () => {
    const scale = await http().put(`/v1/clusters/${clusterId}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 3 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId, OPERATION_TIMEOUT_MS)).toMatchObject({ status: 'succeeded', error: null });
    const current = await cluster();
    const workers = (await workerNames()).sort();
    expect(workers).toHaveLength(3);
    // Every worker herd keeps is in service for HDFS and running for YARN (a removed one may linger in the lists until it expires).
    const live = JSON.parse((await namenodeBean(endpointOf(current, 'NAMENODE'), 'NameNodeInfo')).LiveNodes as string) as Record<string, { adminState: string }>;
    const inService = Object.entries(live).filter(([, node]) => node.adminState === 'In Service').map(([key]) => key.split(':')[0]);
    expect(workers.filter((name) => inService.includes(name))).toEqual(workers);
    const nodes = (await (await fetch(`${endpointOf(current, 'RESOURCEMANAGER')}/ws/v1/cluster/nodes?states=RUNNING`)).json()) as { nodes: { node: { nodeHostName: string }[] } };
    const running = new Set(nodes.nodes.node.map((node) => node.nodeHostName));
    expect(workers.filter((name) => running.has(name))).toEqual(workers);
  }, OPERATION_TIMEOUT_MS + 60_000);

  it('deletes the cluster leaving no container, network or volume behind', async () => {
    const deletion = await http().delete(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deletion.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
    expect(await clusterContainers(clusterId)).toEqual([]);
    expect(await rawDocker().listNetworks({ filters: { label: [`${LABEL.cluster}=${clusterId}`] } })).toEqual([]);
    expect(await rawDocker().listVolumes({ filters: { label: [`${LABEL.cluster}=${clusterId}`] } })).toMatchObject({ Volumes: [] });
  }, 180_000);

  it('fails a cluster whose configuration breaks a daemon, naming the component and quoting its log, and rolls back', async () => {
    const blueprint = await importBlueprint(app, tenant, realHadoopBlueprint('broken-replication', [{ 'hdfs-site': { 'dfs.replication': 'abc' } }]));
    const created = await requestCluster(app, tenant, {
      name: 'broken-hadoop',
      blueprint,
      credential: credentialId,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 1, instanceType: 'medium' },
      ],
    });
    const operation = await settle(app, tenant, created.operationId, OPERATION_TIMEOUT_MS);
    expect(operation.status).toBe('failed');
    const failed = await getCluster(app, tenant, created.id);
    expect(failed.status).toBe('FAILED');
    // Every daemon that reads dfs.replication fails; whichever herd sees first is named, with the cause from its log.
    expect(failed.statusReason).toMatch(/NAMENODE|HISTORYSERVER|DATANODE/);
    expect(failed.statusReason).toMatch(/cause: [^]*NumberFormatException: For input string: "abc"/);
    expect(await clusterContainers(created.id)).toEqual([]);
  }, OPERATION_TIMEOUT_MS + 60_000);
});
