import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec, ObservedNode, ProviderConnection } from '../../src/providers/spi';
import { startSimHarness } from '../support/sim-harness';
import { recordingHooks, simCluster, wantedNodes } from '../support/sim-cluster';

const harness = startSimHarness();

function endpoint(nodes: ObservedNode[], component: string): string {
  const found = nodes.flatMap((node) => node.components).find((candidate) => candidate.name === component);
  if (!found?.endpoint) throw new Error(`no ${component} endpoint`);
  return found.endpoint;
}

async function json(url: string): Promise<any> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.json();
}

describe('sim health endpoints follow the cluster (real Redis)', () => {
  let connection: ProviderConnection;
  let cluster: ClusterSpec;
  let nodes: ObservedNode[];
  const nameNode = async () => (await json(`${endpoint(nodes, 'NAMENODE')}/jmx`)).beans;
  const rmMetrics = async () => (await json(`${endpoint(nodes, 'RESOURCEMANAGER')}/ws/v1/cluster/metrics`)).clusterMetrics;
  const fsState = async () => (await nameNode()).find((bean: { name: string }) => bean.name === 'Hadoop:service=NameNode,name=FSNamesystemState');

  beforeAll(async () => {
    connection = harness.adapter.connect({});
    cluster = simCluster(3);
    await connection.apply(cluster, { launch: wantedNodes(cluster), terminate: [] }, recordingHooks());
    nodes = await connection.describe(cluster);
  });

  afterAll(async () => {
    await connection.teardown(cluster);
    await harness.close();
  });

  it('serves NameNode JMX beans shaped like Hadoop 3', async () => {
    const beans = await nameNode();
    expect(beans.map((bean: { name: string }) => bean.name)).toEqual([
      'Hadoop:service=NameNode,name=FSNamesystemState',
      'Hadoop:service=NameNode,name=NameNodeInfo',
      'Hadoop:service=NameNode,name=NameNodeStatus',
    ]);
    expect(beans[0]).toMatchObject({ NumLiveDataNodes: 3, NumDeadDataNodes: 0, FSState: 'Operational' });
    expect(beans[0].CapacityTotal).toBeGreaterThan(0);
    expect(beans[0].CapacityRemaining).toBeLessThan(beans[0].CapacityTotal);
    expect(beans[1].Safemode).toBe('');
    expect(Object.keys(JSON.parse(beans[1].LiveNodes))).toHaveLength(3);
    const filtered = await json(`${endpoint(nodes, 'NAMENODE')}/jmx?qry=Hadoop:service=NameNode,name=NameNodeInfo`);
    expect(filtered.beans.map((bean: { name: string }) => bean.name)).toEqual(['Hadoop:service=NameNode,name=NameNodeInfo']);
  });

  it('serves ResourceManager cluster metrics, NodeManager info and DataNode JMX', async () => {
    expect(await rmMetrics()).toMatchObject({ activeNodes: 3, lostNodes: 0, unhealthyNodes: 0, decommissionedNodes: 0, totalMB: 3 * 2048, availableMB: 3 * 2048, appsPending: 0 });
    const worker = nodes.find((node) => node.hostGroup === 'worker') as ObservedNode;
    expect((await json(`${endpoint([worker], 'NODEMANAGER')}/ws/v1/node/info`)).nodeInfo).toMatchObject({ nodeHostName: worker.name, nodeHealthy: true });
    expect((await json(`${endpoint([worker], 'DATANODE')}/jmx`)).beans[0].name).toBe('Hadoop:service=DataNode,name=DataNodeInfo');
  });

  it('drops a stopped worker from live DataNodes and active NodeManagers, and takes it back after start', async () => {
    const worker = nodes.find((node) => node.name.endsWith('-worker-1')) as ObservedNode;
    await connection.power?.stop(cluster, [worker]);
    expect(await fsState()).toMatchObject({ NumLiveDataNodes: 2, NumDeadDataNodes: 1 });
    expect(await rmMetrics()).toMatchObject({ activeNodes: 2, shutdownNodes: 1, totalMB: 2 * 2048 });
    expect((await fetch(`${endpoint([worker], 'DATANODE')}/jmx`)).status).toBe(503);

    await connection.power?.start(cluster, [worker]);
    expect(await fsState()).toMatchObject({ NumLiveDataNodes: 3, NumDeadDataNodes: 0 });
    expect(await rmMetrics()).toMatchObject({ activeNodes: 3, shutdownNodes: 0 });
  });

  it('reports a crashed host as a dead DataNode and a lost NodeManager, and forgets terminated nodes', async () => {
    const [crashed, terminated] = nodes.filter((node) => node.hostGroup === 'worker');
    await harness.adapter.crashNodes(cluster.tag, [crashed.name]);
    expect((await connection.describe(cluster)).find((node) => node.name === crashed.name)?.status).toBe('ERROR');
    expect(await fsState()).toMatchObject({ NumLiveDataNodes: 2, NumDeadDataNodes: 1 });
    expect(await rmMetrics()).toMatchObject({ activeNodes: 2, lostNodes: 1 });

    await connection.apply(cluster, { launch: [], terminate: [terminated] }, recordingHooks());
    expect(await fsState()).toMatchObject({ NumLiveDataNodes: 1, NumDeadDataNodes: 1 });
    expect((await fetch(`${endpoint([terminated], 'DATANODE')}/jmx`)).status).toBe(404);
  });

  it('answers 404 for an unknown node, component or path', async () => {
    const base = endpoint(nodes, 'NAMENODE');
    expect((await fetch(base.replace(/nodes\/[^/]+/, 'nodes/nobody') + '/jmx')).status).toBe(404);
    expect((await fetch(`${base}/ws/v1/cluster/metrics`)).status).toBe(404);
    expect((await fetch(base.replace(/NAMENODE$/, 'DATANODE') + '/jmx')).status).toBe(404);
  });
});
