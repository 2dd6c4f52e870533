import { randomUUID } from 'node:crypto';
import { nodeName, type ClusterSpec, type ComponentSpec, type HostGroupSpec, type NodeSpec } from '../../src/providers/spi';
import { TEST_IMAGE } from './docker-engine';

const HADOOP_CONF = '/opt/hadoop/etc/hadoop';

/** The Hadoop config a stack would render: workers find their masters at the first master node's alias. */
const SITE_FILES = [
  {
    path: `${HADOOP_CONF}/core-site.xml`,
    content: '<configuration>\n  <property>\n    <name>fs.defaultFS</name>\n    <value>hdfs://master-0:8020</value>\n  </property>\n</configuration>\n',
  },
  {
    path: `${HADOOP_CONF}/yarn-site.xml`,
    content: '<configuration>\n  <property>\n    <name>yarn.resourcemanager.hostname</name>\n    <value>master-0</value>\n  </property>\n</configuration>\n',
  },
];

/** A component as the stack catalog describes it (commands, ports, conf dir); the test image's hadoop-sim answers to the real commands. */
function hadoopComponent(name: string, command: string[], port: number, path: string, startOrder: number): ComponentSpec {
  return {
    name,
    image: TEST_IMAGE,
    command,
    ports: [{ name: 'http', port, protocol: 'tcp' }],
    health: { port, path },
    env: { HADOOP_CONF_DIR: HADOOP_CONF, HADOOP_ROLE: name },
    configFiles: SITE_FILES,
    startOrder,
  };
}

export const NAMENODE = hadoopComponent(
  'NAMENODE',
  ['sh', '-c', 'hdfs namenode -format -nonInteractive || hdfs namenode -bootstrapStandby -nonInteractive || true; exec hdfs namenode'],
  9870,
  '/jmx',
  10,
);
export const DATANODE = hadoopComponent('DATANODE', ['hdfs', 'datanode'], 9864, '/jmx', 20);
export const RESOURCEMANAGER = hadoopComponent('RESOURCEMANAGER', ['yarn', 'resourcemanager'], 8088, '/ws/v1/cluster/metrics', 30);
export const NODEMANAGER = hadoopComponent('NODEMANAGER', ['yarn', 'nodemanager'], 8042, '/ws/v1/node/info', 40);

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
