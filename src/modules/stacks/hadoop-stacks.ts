import type { ComponentPort } from '../../providers/spi';
import { mergeConfigurations } from './cluster-configuration';
import { componentTable } from './component-table';
import type { ConfigFileDefinition, ConfigurationMap, ProcessDefinition, StackDefinition, StackRef } from './stack.types';

/**
 * What differs between the Apache Hadoop lines herd ships: images, the 2.x/3.x port moves
 * (HDFS-9427), and what an image needs of the configuration (classpaths, JVM flags).
 */
interface HadoopLine {
  version: string;
  description: string;
  aliases: StackRef[];
  images: { hadoop: string; zookeeper: string; hive: string; hbase: string; spark: string };
  ports: { namenodeHttp: number; secondaryHttp: number; datanodeData: number; datanodeHttp: number; datanodeIpc: number };
  /** Environment of every Hadoop daemon container of the line. */
  hadoopEnv?: Record<string, string>;
  /** Properties the line's image needs, over the common defaults. */
  defaults?: ConfigurationMap;
  /** JVM flags every MapReduce task JVM needs on the line's Java. */
  taskJvmOptions?: string;
}

/** herd/hadoop:3.5.0 (scripts/hadoop-image.sh): the jars in one folder, its launchers and empty exclude files. */
const HERD_IMAGE_HOME = '/opt/hadoop';
const HERD_IMAGE_CLASSPATH = `${HERD_IMAGE_HOME}/etc/hadoop,${HERD_IMAGE_HOME}/share,${HERD_IMAGE_HOME}/lib/*`;
/** Hadoop reaches into these JDK internals; Java 17 refuses unless they are opened (the image's launchers do it for daemons). */
const JAVA17_OPENS = ['java.lang', 'java.lang.reflect', 'java.io', 'java.net', 'java.nio', 'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'sun.nio.ch', 'sun.nio.cs', 'sun.security.util']
  .map((name) => `--add-opens=java.base/${name}=ALL-UNNAMED`)
  .join(' ');

const LINES: HadoopLine[] = [
  {
    version: '3.5',
    description: 'Apache Hadoop 3.5 on Java 17 (herd/hadoop:3.5.0, built locally by scripts/hadoop-image.sh) with ZooKeeper 3.8, Hive, HBase and Spark',
    aliases: [],
    images: { hadoop: 'herd/hadoop:3.5.0', zookeeper: 'zookeeper:3.8.4', hive: 'apache/hive:4.0.1', hbase: 'apache/hbase:2.5.10', spark: 'apache/spark:3.5.3' },
    ports: { namenodeHttp: 9870, secondaryHttp: 9868, datanodeData: 9866, datanodeHttp: 9864, datanodeIpc: 9867 },
    // Serial GC and the client compiler: small heaps, few threads and a quick start on a small host.
    hadoopEnv: { HADOOP_OPTS: '-XX:+UseSerialGC -XX:TieredStopAtLevel=1' },
    taskJvmOptions: `-XX:+UseSerialGC ${JAVA17_OPENS}`,
    defaults: {
      'hdfs-site': { 'dfs.hosts.exclude': `${HERD_IMAGE_HOME}/etc/hadoop/dfs.exclude` },
      'yarn-site': {
        'yarn.application.classpath': HERD_IMAGE_CLASSPATH,
        'yarn.resourcemanager.nodes.exclude-path': `${HERD_IMAGE_HOME}/etc/hadoop/yarn.exclude`,
      },
      'mapred-site': { 'mapreduce.application.classpath': HERD_IMAGE_CLASSPATH },
    },
  },
  {
    version: '3.3',
    description: 'Apache Hadoop 3.3 with ZooKeeper 3.8, Hive, HBase and Spark',
    aliases: [],
    images: { hadoop: 'apache/hadoop:3.3.6', zookeeper: 'zookeeper:3.8.4', hive: 'apache/hive:3.1.3', hbase: 'apache/hbase:2.5.10', spark: 'apache/spark:3.5.3' },
    ports: { namenodeHttp: 9870, secondaryHttp: 9868, datanodeData: 9866, datanodeHttp: 9864, datanodeIpc: 9867 },
  },
  {
    version: '2.7',
    description: 'Apache Hadoop 2.7 line (the base of HDP 2.3 to 2.6), run on the wire-compatible 2.10 images',
    aliases: ['2.3', '2.4', '2.5', '2.6'].map((version) => ({ name: 'HDP', version })),
    images: { hadoop: 'apache/hadoop:2.10.2', zookeeper: 'zookeeper:3.8.4', hive: 'apache/hive:2.3.10', hbase: 'apache/hbase:1.7.2', spark: 'apache/spark:3.5.3' },
    ports: { namenodeHttp: 50070, secondaryHttp: 50090, datanodeData: 50010, datanodeHttp: 50075, datanodeIpc: 50020 },
  },
];

const HADOOP_CONF = '/opt/hadoop/etc/hadoop';
const HIVE_CONF = '/opt/hive/conf';
const HBASE_CONF = '/opt/hbase/conf';
const xml = (type: string, dir = HADOOP_CONF): ConfigFileDefinition => ({ type, path: `${dir}/${type}.xml`, format: 'hadoop-xml' });
/** Every Hadoop container carries the client configuration of the whole cluster, as Ambari installs client configs on every host. */
const HADOOP_FILES = [xml('core-site'), xml('hdfs-site'), xml('yarn-site'), xml('mapred-site')];
const tcp = (name: string, port: number): ComponentPort => ({ name, port, protocol: 'tcp' });
const sh = (script: string): string[] => ['sh', '-c', script];

/** A process maker for one image and environment: command, ports, health endpoint and config files vary per component. */
function container(image: string, env: Record<string, string>) {
  return (command: string[], ports: ComponentPort[], health: ProcessDefinition['health'], configFiles: ConfigFileDefinition[]): ProcessDefinition => ({
    image,
    command,
    ports,
    ...(health ? { health } : {}),
    env: { ...env },
    configFiles,
  });
}

function processes(line: HadoopLine): Record<string, ProcessDefinition> {
  const { images, ports } = line;
  const hadoop = container(images.hadoop, { HADOOP_CONF_DIR: HADOOP_CONF, ...line.hadoopEnv });
  const hive = container(images.hive, { HADOOP_CONF_DIR: HADOOP_CONF, HIVE_CONF_DIR: HIVE_CONF });
  const hbase = container(images.hbase, { HADOOP_CONF_DIR: HADOOP_CONF, HBASE_CONF_DIR: HBASE_CONF });
  const spark = container(images.spark, { HADOOP_CONF_DIR: HADOOP_CONF, SPARK_CONF_DIR: '/opt/spark/conf' });
  const zookeeper = container(images.zookeeper, { ZOO_CONF_DIR: '/conf' });
  const HIVE_FILES = [...HADOOP_FILES, xml('hive-site', HIVE_CONF)];
  const HBASE_FILES = [...HADOOP_FILES, xml('hbase-site', HBASE_CONF)];
  return {
    ZOOKEEPER_SERVER: zookeeper(
      // Each server finds its own id in the server.N lines of zoo.cfg by its host name.
      sh('mkdir -p /data && id=$(sed -n "s/^server\\.\\([0-9]*\\)=$(hostname)[:.].*/\\1/p" /conf/zoo.cfg) && { [ -z "$id" ] || echo "$id" > /data/myid; } && exec zkServer.sh start-foreground'),
      [tcp('client', 2181), tcp('peer', 2888), tcp('election', 3888), tcp('admin', 8080)],
      { port: 8080, path: '/commands/ruok' },
      [{ type: 'zoo.cfg', path: '/conf/zoo.cfg', format: 'properties' }],
    ),
    JOURNALNODE: hadoop(['hdfs', 'journalnode'], [tcp('rpc', 8485), tcp('http', 8480)], { port: 8480, path: '/jmx' }, HADOOP_FILES),
    // Format on first start; in HA the second NameNode finds the shared edits formatted and copies the first one's state.
    NAMENODE: hadoop(
      sh('hdfs namenode -format -nonInteractive || hdfs namenode -bootstrapStandby -nonInteractive || true; exec hdfs namenode'),
      [tcp('rpc', 8020), tcp('http', ports.namenodeHttp)],
      { port: ports.namenodeHttp, path: '/jmx' },
      HADOOP_FILES,
    ),
    ZKFC: hadoop(sh('hdfs zkfc -formatZK -nonInteractive || true; exec hdfs zkfc'), [tcp('rpc', 8019)], undefined, HADOOP_FILES),
    SECONDARY_NAMENODE: hadoop(['hdfs', 'secondarynamenode'], [tcp('http', ports.secondaryHttp)], { port: ports.secondaryHttp, path: '/jmx' }, HADOOP_FILES),
    DATANODE: hadoop(
      ['hdfs', 'datanode'],
      [tcp('data', ports.datanodeData), tcp('http', ports.datanodeHttp), tcp('ipc', ports.datanodeIpc)],
      { port: ports.datanodeHttp, path: '/jmx' },
      HADOOP_FILES,
    ),
    RESOURCEMANAGER: hadoop(
      ['yarn', 'resourcemanager'],
      [tcp('rpc', 8032), tcp('scheduler', 8030), tcp('tracker', 8031), tcp('admin', 8033), tcp('http', 8088)],
      { port: 8088, path: '/ws/v1/cluster/metrics' },
      [...HADOOP_FILES, xml('capacity-scheduler')],
    ),
    NODEMANAGER: hadoop(['yarn', 'nodemanager'], [tcp('localizer', 8040), tcp('http', 8042)], { port: 8042, path: '/ws/v1/node/info' }, HADOOP_FILES),
    HISTORYSERVER: hadoop(['mapred', 'historyserver'], [tcp('rpc', 10020), tcp('http', 19888)], { port: 19888, path: '/ws/v1/history/info' }, HADOOP_FILES),
    APP_TIMELINE_SERVER: hadoop(['yarn', 'timelineserver'], [tcp('rpc', 10200), tcp('http', 8188)], { port: 8188, path: '/ws/v1/timeline' }, HADOOP_FILES),
    HIVE_METASTORE: hive(sh('/opt/hive/bin/schematool -dbType derby -initSchema || true; exec /opt/hive/bin/hive --service metastore'), [tcp('thrift', 9083)], undefined, HIVE_FILES),
    HIVE_SERVER: hive(['/opt/hive/bin/hive', '--service', 'hiveserver2'], [tcp('thrift', 10000), tcp('http', 10002)], { port: 10002, path: '/jmx' }, HIVE_FILES),
    HBASE_MASTER: hbase(['hbase', 'master', 'start'], [tcp('rpc', 16000), tcp('http', 16010)], { port: 16010, path: '/jmx' }, HBASE_FILES),
    HBASE_REGIONSERVER: hbase(['hbase', 'regionserver', 'start'], [tcp('rpc', 16020), tcp('http', 16030)], { port: 16030, path: '/jmx' }, HBASE_FILES),
    SPARK2_JOBHISTORYSERVER: spark(
      ['/opt/spark/bin/spark-class', 'org.apache.spark.deploy.history.HistoryServer'],
      [tcp('http', 18081)],
      { port: 18081, path: '/api/v1/version' },
      [...HADOOP_FILES, { type: 'spark2-defaults', path: '/opt/spark/conf/spark-defaults.conf', format: 'properties' }],
    ),
  };
}

/** Properties every cluster gets unless its blueprint sets them. `{{...}}` placeholders are resolved per cluster. */
// Storage sits under /tmp as in the images' own examples: it is writable by their unprivileged users; adapters mount volumes there.
const DEFAULTS: StackDefinition['defaults'] = {
  'core-site': { 'fs.defaultFS': '{{defaultFS}}' },
  'hdfs-site': {
    'dfs.namenode.name.dir': '/tmp/hadoop/dfs/name',
    'dfs.datanode.data.dir': '/tmp/hadoop/dfs/data',
    'dfs.journalnode.edits.dir': '/tmp/hadoop/dfs/journal',
    'dfs.namenode.rpc-bind-host': '0.0.0.0',
    'dfs.namenode.http-bind-host': '0.0.0.0',
    'dfs.namenode.datanode.registration.ip-hostname-check': 'false',
    // As Ambari's HDP defaults: a stale DataNode is no longer offered to readers and writers.
    'dfs.namenode.avoid.read.stale.datanode': 'true',
    'dfs.namenode.avoid.write.stale.datanode': 'true',
    // Nodes here are replaced, not nursed back: call a silent DataNode stale after 10 s, dead after 90 s (HDFS: 30 s, 10.5 min).
    'dfs.namenode.stale.datanode.interval': '10000',
    'dfs.namenode.heartbeat.recheck-interval': '30000',
  },
  'yarn-site': {
    'yarn.resourcemanager.hostname': '{{host:RESOURCEMANAGER}}',
    // Containers share the host's memory accounting with their siblings; a busy disk must not mark NodeManagers unhealthy.
    'yarn.nodemanager.pmem-check-enabled': 'false',
    'yarn.nodemanager.vmem-check-enabled': 'false',
    'yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage': '98.5',
    'yarn.resourcemanager.bind-host': '0.0.0.0',
    'yarn.nodemanager.bind-host': '0.0.0.0',
    'yarn.nodemanager.aux-services': 'mapreduce_shuffle',
    'yarn.timeline-service.hostname': '{{host:APP_TIMELINE_SERVER}}',
  },
  // Ambari's capacity-scheduler type: the ResourceManager refuses to start without a queue. Small
  // clusters let ApplicationMasters take half the memory, so a few jobs run side by side.
  'capacity-scheduler': {
    'yarn.scheduler.capacity.root.queues': 'default',
    'yarn.scheduler.capacity.root.default.capacity': '100',
    'yarn.scheduler.capacity.root.default.maximum-capacity': '100',
    'yarn.scheduler.capacity.maximum-am-resource-percent': '0.5',
  },
  'mapred-site': {
    'mapreduce.framework.name': 'yarn',
    'mapreduce.jobhistory.address': '{{host:HISTORYSERVER}}:10020',
    'mapreduce.jobhistory.webapp.address': '{{host:HISTORYSERVER}}:19888',
    'yarn.app.mapreduce.am.env': 'HADOOP_MAPRED_HOME=/opt/hadoop',
    'mapreduce.map.env': 'HADOOP_MAPRED_HOME=/opt/hadoop',
    'mapreduce.reduce.env': 'HADOOP_MAPRED_HOME=/opt/hadoop',
  },
  'zoo.cfg': {
    tickTime: '2000',
    initLimit: '10',
    syncLimit: '5',
    dataDir: '/data',
    clientPort: '2181',
    'admin.serverPort': '8080',
    '4lw.commands.whitelist': 'ruok,mntr,srvr',
  },
  'hive-site': {
    'hive.metastore.uris': 'thrift://{{host:HIVE_METASTORE}}:9083',
    'javax.jdo.option.ConnectionURL': 'jdbc:derby:;databaseName=/opt/hive/data/metastore_db;create=true',
    'hive.metastore.warehouse.dir': '/warehouse/tablespace/managed/hive',
  },
  'hbase-site': {
    'hbase.rootdir': '{{defaultFS}}/hbase',
    'hbase.cluster.distributed': 'true',
    'hbase.zookeeper.quorum': '{{hosts:ZOOKEEPER_SERVER}}',
  },
  'spark2-defaults': {
    'spark.history.ui.port': '18081',
    'spark.history.fs.logDirectory': '{{defaultFS}}/spark2-history/',
    'spark.eventLog.dir': '{{defaultFS}}/spark2-history/',
  },
};

export function builtInStacks(): StackDefinition[] {
  return LINES.map((line) => {
    const components = componentTable();
    for (const [name, process] of Object.entries(processes(line))) components[name]!.process = process;
    const defaults = mergeConfigurations([structuredClone(DEFAULTS), structuredClone(line.defaults ?? {})]);
    return {
      name: 'HADOOP',
      version: line.version,
      description: line.description,
      aliases: line.aliases,
      components,
      defaults,
      ...(line.taskJvmOptions ? { taskJvmOptions: line.taskJvmOptions } : {}),
    };
  });
}
