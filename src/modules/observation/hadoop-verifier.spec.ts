import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec, ComponentSpec, ObservedNode } from '../../providers/spi';
import { HadoopVerifier } from './hadoop-verifier';

/** Answers recorded from a real Hadoop 3.5.0 NameNode and ResourceManager with 3 workers. */
const FIXTURES = join(__dirname, '../../../test/fixtures/hadoop');
const namenodeInfo = JSON.parse(readFileSync(join(FIXTURES, 'namenode-info.json'), 'utf8'));
const runningNodes = readFileSync(join(FIXTURES, 'resourcemanager-nodes.json'), 'utf8');
const WORKERS = ['herd-04748dd6-worker-0', 'herd-04748dd6-worker-1', 'herd-04748dd6-worker-2'];

const component = (name: string): ComponentSpec => ({ name, image: 'i', command: [], ports: [], env: {}, configFiles: [], startOrder: 0 });
const spec: ClusterSpec = {
  clusterId: 'c',
  tenantId: 't',
  name: 'c',
  tag: '04748dd6',
  stack: { name: 'HADOOP', version: '3.5' },
  hostGroups: [
    { name: 'master', nodeCount: 1, instanceType: 'medium', components: [component('NAMENODE'), component('RESOURCEMANAGER')], options: {} },
    { name: 'worker', nodeCount: 3, instanceType: 'medium', components: [component('DATANODE'), component('NODEMANAGER')], options: {} },
  ],
};

describe('verifying a cluster through its real masters', () => {
  let server: Server;
  let base: string;
  /** What the NameNode says of each worker's admin state; the recording has all three In Service. */
  const adminStates = new Map<string, string>();
  let nodesBody = runningNodes;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url!, 'http://x');
      let body: string;
      if (url.pathname === '/jmx' && url.searchParams.get('qry') === 'Hadoop:service=NameNode,name=NameNodeInfo') {
        const bean = { ...namenodeInfo.beans[0] };
        const live = JSON.parse(bean.LiveNodes);
        for (const [key, node] of Object.entries<Record<string, unknown>>(live)) node.adminState = adminStates.get(key.split(':')[0]!) ?? node.adminState;
        bean.LiveNodes = JSON.stringify(live);
        body = JSON.stringify({ beans: [bean] });
      } else if (url.pathname === '/ws/v1/cluster/nodes') {
        body = nodesBody;
      } else if (url.pathname === '/ws/v1/cluster/metrics') {
        // A removed NodeManager stays active for YARN's 10-minute expiry: the count alone would say 4.
        body = JSON.stringify({ clusterMetrics: { activeNodes: 4, appsPending: 0, containersPending: 0, allocatedMB: 0, availableMB: 8192, totalMB: 8192 } });
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const master: () => ObservedNode = () => ({
    name: 'herd-04748dd6-master-0',
    hostGroup: 'master',
    index: 0,
    providerId: 'm',
    status: 'RUNNING',
    addresses: {},
    components: [
      { name: 'NAMENODE', status: 'running', endpoint: base },
      { name: 'RESOURCEMANAGER', status: 'running', endpoint: base },
    ],
  });
  const worker = (name: string): ObservedNode => ({ name, hostGroup: 'worker', index: Number(name.slice(-1)), providerId: name, status: 'RUNNING', addresses: {}, components: [] });

  it('counts the workers the masters name, not their stale totals', async () => {
    const verdict = await new HadoopVerifier().verify(spec, [master(), ...WORKERS.map(worker)]);
    expect(verdict).toEqual({ ok: true, summary: '3/3 DataNodes live, 3/3 NodeManagers active' });
  });

  it('does not count a removed worker that its masters still list, nor miss a new one that has not registered', async () => {
    const verdict = await new HadoopVerifier().verify(spec, [master(), worker(WORKERS[0]!), worker(WORKERS[1]!), worker('herd-04748dd6-worker-3')]);
    expect(verdict).toEqual({ ok: false, summary: '2/3 DataNodes live, 2/3 NodeManagers active' });
  });

  it('counts a host once when a NodeManager came back on it under a new port', async () => {
    const recorded = JSON.parse(runningNodes);
    recorded.nodes.node.push({ ...recorded.nodes.node[0], id: `${recorded.nodes.node[0].nodeHostName}:40001` });
    nodesBody = JSON.stringify(recorded);
    const verdict = await new HadoopVerifier().verify(spec, [master(), ...WORKERS.map(worker)]);
    nodesBody = runningNodes;
    expect(recorded.nodes.node).toHaveLength(4);
    expect(verdict.summary).toBe('3/3 DataNodes live, 3/3 NodeManagers active');
  });

  it('counts a DataNode only while it is In Service', async () => {
    adminStates.set(WORKERS[1]!, 'Decommission In Progress');
    const verdict = await new HadoopVerifier().verify(spec, [master(), ...WORKERS.map(worker)]);
    adminStates.clear();
    expect(verdict.summary).toBe('2/3 DataNodes live, 3/3 NodeManagers active');
  });
});
