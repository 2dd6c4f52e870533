import type { ComponentCategory, ComponentDefinition, ComponentDependency } from './stack.types';

/**
 * The Ambari components herd knows, with the layout rules Ambari's stack definitions give them
 * (service, category, cardinality) and their dependencies. herd is more lenient than Ambari where a
 * component is not needed to run Hadoop (APP_TIMELINE_SERVER, HISTORYSERVER are optional; clients are
 * never required). Which of them herd runs, and how, is decided per stack line (see hadoop-stacks.ts).
 */
type Row = [name: string, service: string, category: ComponentCategory, cardinality: string, startOrder: number, dependencies?: ComponentDependency[], autoDeploy?: boolean];

const onCluster = (component: string, when?: ComponentDependency['when']): ComponentDependency => ({ component, scope: 'cluster', ...(when ? { when } : {}) });
const onHost = (component: string, when?: ComponentDependency['when']): ComponentDependency => ({ component, scope: 'host', ...(when ? { when } : {}) });

const CLIENT_ORDER = 200;
const OTHER_ORDER = 100;

const ROWS: Row[] = [
  ['ZOOKEEPER_SERVER', 'ZOOKEEPER', 'master', '1+', 10],
  ['ZOOKEEPER_CLIENT', 'ZOOKEEPER', 'client', '0+', CLIENT_ORDER],

  ['JOURNALNODE', 'HDFS', 'master', '0+', 20],
  ['NAMENODE', 'HDFS', 'master', '1-2', 30, [onCluster('JOURNALNODE', 'hdfs-ha'), onCluster('ZOOKEEPER_SERVER', 'hdfs-ha'), onHost('ZKFC', 'hdfs-ha')]],
  ['ZKFC', 'HDFS', 'master', '0+', 35, [onHost('NAMENODE'), onCluster('ZOOKEEPER_SERVER')]],
  ['SECONDARY_NAMENODE', 'HDFS', 'master', '0-1', 40, [onCluster('NAMENODE')]],
  ['DATANODE', 'HDFS', 'worker', '1+', 50, [onCluster('NAMENODE')]],
  ['NFS_GATEWAY', 'HDFS', 'worker', '0+', OTHER_ORDER, [onCluster('NAMENODE')]],
  ['HDFS_CLIENT', 'HDFS', 'client', '0+', CLIENT_ORDER],

  ['RESOURCEMANAGER', 'YARN', 'master', '1-2', 60, [onCluster('ZOOKEEPER_SERVER', 'yarn-ha')]],
  ['NODEMANAGER', 'YARN', 'worker', '1+', 70, [onCluster('RESOURCEMANAGER')]],
  ['APP_TIMELINE_SERVER', 'YARN', 'master', '0-1', 80, [onCluster('RESOURCEMANAGER')]],
  ['YARN_CLIENT', 'YARN', 'client', '0+', CLIENT_ORDER],
  ['HISTORYSERVER', 'MAPREDUCE2', 'master', '0-1', 80, [onCluster('RESOURCEMANAGER'), onCluster('NAMENODE')]],
  ['MAPREDUCE2_CLIENT', 'MAPREDUCE2', 'client', '0+', CLIENT_ORDER],
  ['TEZ_CLIENT', 'TEZ', 'client', '0+', CLIENT_ORDER],
  ['SLIDER', 'SLIDER', 'client', '0+', CLIENT_ORDER],
  ['PIG', 'PIG', 'client', '0+', CLIENT_ORDER],
  ['SQOOP', 'SQOOP', 'client', '0+', CLIENT_ORDER],

  ['HIVE_METASTORE', 'HIVE', 'master', '1+', 90, [onCluster('NAMENODE')]],
  ['HIVE_SERVER', 'HIVE', 'master', '1+', 95, [onCluster('HIVE_METASTORE'), onCluster('RESOURCEMANAGER')]],
  ['HIVE_SERVER_INTERACTIVE', 'HIVE', 'master', '0-1', 95, [onCluster('HIVE_METASTORE'), onCluster('RESOURCEMANAGER')]],
  ['WEBHCAT_SERVER', 'HIVE', 'master', '0+', OTHER_ORDER, [onCluster('HIVE_METASTORE')]],
  ['MYSQL_SERVER', 'HIVE', 'master', '0-1', 85],
  ['HIVE_CLIENT', 'HIVE', 'client', '0+', CLIENT_ORDER],
  ['HCAT', 'HIVE', 'client', '0+', CLIENT_ORDER],

  ['HBASE_MASTER', 'HBASE', 'master', '1+', 90, [onCluster('ZOOKEEPER_SERVER'), onCluster('NAMENODE')]],
  ['HBASE_REGIONSERVER', 'HBASE', 'worker', '1+', 95, [onCluster('HBASE_MASTER')]],
  ['PHOENIX_QUERY_SERVER', 'HBASE', 'master', '0+', OTHER_ORDER, [onCluster('HBASE_MASTER')]],
  ['HBASE_CLIENT', 'HBASE', 'client', '0+', CLIENT_ORDER],

  ['SPARK2_JOBHISTORYSERVER', 'SPARK2', 'master', '1', 90, [onCluster('NAMENODE')]],
  ['SPARK2_THRIFTSERVER', 'SPARK2', 'master', '0+', OTHER_ORDER, [onCluster('HIVE_METASTORE')]],
  ['LIVY2_SERVER', 'SPARK2', 'master', '0+', OTHER_ORDER],
  ['SPARK2_CLIENT', 'SPARK2', 'client', '0+', CLIENT_ORDER],
  ['SPARK_JOBHISTORYSERVER', 'SPARK', 'master', '1', 90, [onCluster('NAMENODE')]],
  ['SPARK_THRIFTSERVER', 'SPARK', 'master', '0+', OTHER_ORDER, [onCluster('HIVE_METASTORE')]],
  ['LIVY_SERVER', 'SPARK', 'master', '0+', OTHER_ORDER],
  ['SPARK_CLIENT', 'SPARK', 'client', '0+', CLIENT_ORDER],
  ['ZEPPELIN_MASTER', 'ZEPPELIN', 'master', '1', OTHER_ORDER],

  ['OOZIE_SERVER', 'OOZIE', 'master', '1+', OTHER_ORDER, [onCluster('NAMENODE'), onCluster('RESOURCEMANAGER')]],
  ['OOZIE_CLIENT', 'OOZIE', 'client', '0+', CLIENT_ORDER],
  ['FALCON_SERVER', 'FALCON', 'master', '1', OTHER_ORDER, [onCluster('OOZIE_SERVER')]],
  ['FALCON_CLIENT', 'FALCON', 'client', '0+', CLIENT_ORDER],
  ['KNOX_GATEWAY', 'KNOX', 'master', '1+', OTHER_ORDER],
  ['KAFKA_BROKER', 'KAFKA', 'master', '1+', OTHER_ORDER, [onCluster('ZOOKEEPER_SERVER')]],
  ['NIMBUS', 'STORM', 'master', '1+', OTHER_ORDER, [onCluster('ZOOKEEPER_SERVER')]],
  ['SUPERVISOR', 'STORM', 'worker', '1+', OTHER_ORDER, [onCluster('NIMBUS')]],
  ['STORM_UI_SERVER', 'STORM', 'master', '1', OTHER_ORDER, [onCluster('NIMBUS')]],
  ['DRPC_SERVER', 'STORM', 'master', '0-1', OTHER_ORDER, [onCluster('NIMBUS')]],
  ['ATLAS_SERVER', 'ATLAS', 'master', '1+', OTHER_ORDER],
  ['ATLAS_CLIENT', 'ATLAS', 'client', '0+', CLIENT_ORDER],
  ['RANGER_ADMIN', 'RANGER', 'master', '1+', OTHER_ORDER],
  ['RANGER_USERSYNC', 'RANGER', 'master', '1', OTHER_ORDER, [onCluster('RANGER_ADMIN')]],
  ['RANGER_TAGSYNC', 'RANGER', 'master', '0-1', OTHER_ORDER, [onCluster('RANGER_ADMIN')]],
  ['RANGER_KMS_SERVER', 'RANGER_KMS', 'master', '1+', OTHER_ORDER, [onCluster('RANGER_ADMIN')]],
  ['INFRA_SOLR', 'AMBARI_INFRA', 'master', '1+', OTHER_ORDER],
  ['INFRA_SOLR_CLIENT', 'AMBARI_INFRA', 'client', '0+', CLIENT_ORDER],
  ['LOGSEARCH_SERVER', 'LOGSEARCH', 'master', '1', OTHER_ORDER],
  ['LOGSEARCH_LOGFEEDER', 'LOGSEARCH', 'worker', 'ALL', OTHER_ORDER, [], true],
  ['HST_SERVER', 'SMARTSENSE', 'master', '1', OTHER_ORDER],
  ['HST_AGENT', 'SMARTSENSE', 'worker', 'ALL', OTHER_ORDER, [], true],
  ['ACTIVITY_ANALYZER', 'SMARTSENSE', 'master', '0+', OTHER_ORDER],
  ['ACTIVITY_EXPLORER', 'SMARTSENSE', 'master', '0-1', OTHER_ORDER],
  ['KERBEROS_CLIENT', 'KERBEROS', 'client', 'ALL', CLIENT_ORDER, [], true],

  ['METRICS_COLLECTOR', 'AMBARI_METRICS', 'master', '1-2', OTHER_ORDER],
  ['METRICS_MONITOR', 'AMBARI_METRICS', 'worker', 'ALL', OTHER_ORDER, [], true],
  ['METRICS_GRAFANA', 'AMBARI_METRICS', 'master', '0-1', OTHER_ORDER],
  ['GANGLIA_SERVER', 'GANGLIA', 'master', '1', OTHER_ORDER],
  ['GANGLIA_MONITOR', 'GANGLIA', 'worker', 'ALL', OTHER_ORDER, [], true],
  // Not an Ambari stack component: Cloudbreak's blueprints name the host that runs Ambari itself.
  ['AMBARI_SERVER', 'AMBARI', 'master', '0-1', OTHER_ORDER],
];

/** Every known component, without a process: the stack lines add how herd runs some of them. */
export function componentTable(): Record<string, ComponentDefinition> {
  return Object.fromEntries(
    ROWS.map(([name, service, category, cardinality, startOrder, dependencies = [], autoDeploy]) => [
      name,
      { name, service, category, cardinality, startOrder, dependencies, ...(autoDeploy ? { autoDeploy } : {}) },
    ]),
  );
}
