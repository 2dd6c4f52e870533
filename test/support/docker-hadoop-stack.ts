import { randomUUID } from 'node:crypto';
import { nodeName, type ClusterSpec, type ComponentSpec, type HostGroupSpec, type NodeSpec } from '../../src/providers/spi';
import { TEST_IMAGE } from './docker-engine';

/** A Hadoop-shaped component: busybox httpd serving a static JSON document where the real daemon answers. */
function httpComponent(name: string, port: number, path: string, body: unknown, startOrder: number): ComponentSpec {
  return {
    name,
    image: TEST_IMAGE,
    command: ['httpd', '-f', '-p', String(port), '-h', '/www'],
    ports: [{ name: 'http', port, protocol: 'tcp' }],
    health: { port, path },
    env: { HADOOP_ROLE: name },
    configFiles: [{ path: `/www${path}`, content: JSON.stringify(body) }],
    startOrder,
  };
}

export const NAMENODE = httpComponent('NAMENODE', 9870, '/jmx', { beans: [{ name: 'Hadoop:service=NameNode,name=FSNamesystemState', NumLiveDataNodes: 2, NumDeadDataNodes: 0 }] }, 10);
export const DATANODE = httpComponent('DATANODE', 9864, '/jmx', { beans: [{ name: 'Hadoop:service=DataNode,name=DataNodeInfo' }] }, 20);
export const RESOURCEMANAGER = httpComponent('RESOURCEMANAGER', 8088, '/ws/v1/cluster/metrics', { clusterMetrics: { activeNodes: 2, lostNodes: 0, unhealthyNodes: 0 } }, 30);
export const NODEMANAGER = httpComponent('NODEMANAGER', 8042, '/ws/v1/node/info', { nodeInfo: { nodeHealthy: true } }, 40);

export function hostGroup(name: string, nodeCount: number, components: ComponentSpec[], options: Record<string, unknown> = {}): HostGroupSpec {
  return { name, nodeCount, instanceType: 'small', components, options };
}

/** master (NameNode + ResourceManager) x1 and worker (DataNode + NodeManager) x workers, with a fresh tag. */
export function hadoopCluster(workers = 2, overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  const clusterId = randomUUID();
  return {
    clusterId,
    tenantId: randomUUID(),
    name: 'docker-contract',
    tag: clusterId,
    stack: { name: 'HDP', version: '3.1' },
    hostGroups: [hostGroup('master', 1, [NAMENODE, RESOURCEMANAGER]), hostGroup('worker', workers, [DATANODE, NODEMANAGER])],
    ...overrides,
  };
}

/** Every node the spec asks for. */
export function desiredNodes(cluster: ClusterSpec): NodeSpec[] {
  return cluster.hostGroups.flatMap((group) =>
    Array.from({ length: group.nodeCount }, (_, index) => ({ name: nodeName(cluster, group.name, index), hostGroup: group.name, index })),
  );
}
