import type { ClusterTopology, ConfigurationMap, StackDefinition } from './stack.types';

const NAMESERVICE = 'herd';
const PLACEHOLDER = /\{\{(defaultFS|host:([A-Z0-9_]+)|hosts:([A-Z0-9_]+)(?::(\d+))?)\}\}/g;
const HOSTGROUP_TOKEN = /%HOSTGROUP::([A-Za-z0-9_.-]+)%/g;

/**
 * The network alias of a component, used for host names when no topology is known: adapters that
 * do not pass one give each component's container this alias on the cluster network.
 */
export function componentAlias(component: string): string {
  return component.toLowerCase().replace(/_/g, '-');
}

/**
 * The configuration a node of the cluster runs with: stack defaults, then what the cluster's layout
 * implies (HA name services, ZooKeeper servers), then `sized`, what herd derives from the node's
 * size (memory, vcores), then the blueprint's own cluster and host-group properties, which always
 * win. Placeholders and Ambari's `%HOSTGROUP::name%` tokens are resolved last.
 */
export function effectiveConfiguration(stack: StackDefinition, layers: ConfigurationMap[], topology?: ClusterTopology, sized: ConfigurationMap = {}): ConfigurationMap {
  const hostsOf = (component: string): string[] => {
    const hosts = topology?.hostsOf(component) ?? [];
    return hosts.length > 0 ? hosts : [componentAlias(component)];
  };
  const merged = mergeConfigurations([stack.defaults, layoutConfiguration(topology), sized, ...layers]);
  const haNamenodes = (topology?.hostsOf('NAMENODE') ?? []).length >= 2;
  const resolve = (value: string): string =>
    value
      .replace(PLACEHOLDER, (_, whole: string, host?: string, hosts?: string, port?: string) => {
        if (whole === 'defaultFS') return haNamenodes ? `hdfs://${NAMESERVICE}` : `hdfs://${hostsOf('NAMENODE')[0]}:8020`;
        if (host) return hostsOf(host)[0]!;
        return hostsOf(hosts!)
          .map((name) => (port ? `${name}:${port}` : name))
          .join(',');
      })
      .replace(HOSTGROUP_TOKEN, (token, group: string) => topology?.hostsOfGroup?.(group)?.join(',') || token);
  return Object.fromEntries(Object.entries(merged).map(([type, properties]) => [type, Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, resolve(value)]))]));
}

/**
 * What sizing a node reads: every layer of `effectiveConfiguration` but the sized one, so that the
 * blueprint's heap and memory settings are seen; placeholders stay unresolved (sizes use none).
 */
export function configurationBeforeSizing(stack: StackDefinition, layers: ConfigurationMap[], topology?: ClusterTopology): ConfigurationMap {
  return mergeConfigurations([stack.defaults, layoutConfiguration(topology), ...layers]);
}

export function mergeConfigurations(layers: ConfigurationMap[]): ConfigurationMap {
  const merged = new Map<string, Record<string, string>>();
  for (const layer of layers) {
    for (const [type, properties] of Object.entries(layer)) merged.set(type, { ...(merged.get(type) ?? {}), ...properties });
  }
  return Object.fromEntries(merged);
}

/** What the placement of components implies: ZooKeeper's server list, HDFS and YARN high availability. */
function layoutConfiguration(topology: ClusterTopology | undefined): ConfigurationMap {
  if (!topology) return {};
  const config: ConfigurationMap = {};
  const zookeepers = topology.hostsOf('ZOOKEEPER_SERVER');
  const quorum = zookeepers.map((host) => `${host}:2181`).join(',');
  if (zookeepers.length > 0) {
    config['zoo.cfg'] = Object.fromEntries(zookeepers.map((host, i) => [`server.${i + 1}`, `${host}:2888:3888`]));
    config['core-site'] = { 'ha.zookeeper.quorum': quorum };
  }
  const datanodes = topology.hostsOf('DATANODE').length;
  if (datanodes > 0) config['hdfs-site'] = { 'dfs.replication': String(Math.min(3, datanodes)) };

  const namenodes = topology.hostsOf('NAMENODE');
  if (namenodes.length >= 2) {
    const ids = namenodes.map((_, i) => `nn${i + 1}`);
    const journal = topology.hostsOf('JOURNALNODE').map((host) => `${host}:8485`);
    config['hdfs-site'] = {
      ...config['hdfs-site'],
      'dfs.nameservices': NAMESERVICE,
      [`dfs.ha.namenodes.${NAMESERVICE}`]: ids.join(','),
      ...Object.fromEntries(namenodes.flatMap((host, i) => [[`dfs.namenode.rpc-address.${NAMESERVICE}.${ids[i]}`, `${host}:8020`]])),
      'dfs.namenode.shared.edits.dir': `qjournal://${journal.join(';')}/${NAMESERVICE}`,
      [`dfs.client.failover.proxy.provider.${NAMESERVICE}`]: 'org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider',
      'dfs.ha.automatic-failover.enabled': 'true',
      'dfs.ha.fencing.methods': 'shell(/bin/true)',
    };
  }
  const resourcemanagers = topology.hostsOf('RESOURCEMANAGER');
  if (resourcemanagers.length >= 2) {
    const ids = resourcemanagers.map((_, i) => `rm${i + 1}`);
    config['yarn-site'] = {
      'yarn.resourcemanager.ha.enabled': 'true',
      'yarn.resourcemanager.cluster-id': NAMESERVICE,
      'yarn.resourcemanager.ha.rm-ids': ids.join(','),
      ...Object.fromEntries(resourcemanagers.map((host, i) => [`yarn.resourcemanager.hostname.${ids[i]}`, host])),
      'yarn.resourcemanager.zk-address': quorum,
      'hadoop.zk.address': quorum,
    };
  }
  return config;
}
