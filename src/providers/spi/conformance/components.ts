import type { ComponentSpec } from '../cluster-spec';

interface ComponentShape {
  command: string[];
  port: number;
  healthPath: string;
  startOrder: number;
}

/** Ports and health paths of Hadoop 3's web endpoints. */
const SHAPES: Record<string, ComponentShape> = {
  ZOOKEEPER_SERVER: { command: ['zkServer.sh', 'start-foreground'], port: 8080, healthPath: '/commands/ruok', startOrder: 0 },
  NAMENODE: { command: ['hdfs', 'namenode'], port: 9870, healthPath: '/jmx', startOrder: 10 },
  DATANODE: { command: ['hdfs', 'datanode'], port: 9864, healthPath: '/jmx', startOrder: 20 },
  RESOURCEMANAGER: { command: ['yarn', 'resourcemanager'], port: 8088, healthPath: '/ws/v1/cluster/metrics', startOrder: 30 },
  NODEMANAGER: { command: ['yarn', 'nodemanager'], port: 8042, healthPath: '/ws/v1/node/info', startOrder: 40 },
};

/** Component specs for the kit's test cluster; `image` is whatever the backend can run. */
export function defaultComponents(names: string[], image = 'herd/hadoop:conformance'): ComponentSpec[] {
  return names.map((name) => {
    const shape = SHAPES[name];
    if (!shape) throw new Error(`defaultComponents knows ${Object.keys(SHAPES).join(', ')}; got ${name}`);
    return {
      name,
      image,
      command: shape.command,
      ports: [{ name: 'http', port: shape.port, protocol: 'tcp' }],
      health: { port: shape.port, path: shape.healthPath },
      env: {},
      configFiles: [],
      startOrder: shape.startOrder,
    };
  });
}
