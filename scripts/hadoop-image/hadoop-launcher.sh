#!/bin/bash
# The `hadoop`, `hdfs`, `yarn` and `mapred` commands of herd/hadoop: each subcommand runs its main
# class from the jars in $HADOOP_HOME/lib, as the binary tarball's bin/ scripts would. Daemons take
# the heap of HADOOP_HEAPSIZE_MAX and their own <TOOL>_<DAEMON>_OPTS (HDFS_NAMENODE_OPTS, ...);
# other commands take HADOOP_CLIENT_OPTS. Every JVM gets the --add-opens Hadoop needs on Java 17.
set -euo pipefail

HADOOP_HOME="${HADOOP_HOME:-/opt/hadoop}"
HADOOP_CONF_DIR="${HADOOP_CONF_DIR:-$HADOOP_HOME/etc/hadoop}"
HADOOP_LOG_DIR="${HADOOP_LOG_DIR:-$HADOOP_HOME/logs}"
CLASSPATH="$HADOOP_CONF_DIR:$HADOOP_HOME/share:$HADOOP_HOME/lib/*"
tool="$(basename "$0")"
subcommand="${1:-}"
[[ $# -gt 0 ]] && shift

usage() {
  echo "usage: $tool <subcommand> [arguments]" >&2
  echo "  hdfs: namenode datanode secondarynamenode journalnode zkfc dfs dfsadmin fsck haadmin getconf version" >&2
  echo "  yarn: resourcemanager nodemanager timelineserver rmadmin node application logs jar classpath version" >&2
  echo "  mapred: historyserver job classpath version;  hadoop: fs jar classpath version" >&2
  exit 2
}

daemon=""
case "$tool:$subcommand" in
  hdfs:namenode) class=org.apache.hadoop.hdfs.server.namenode.NameNode daemon=HDFS_NAMENODE ;;
  hdfs:datanode) class=org.apache.hadoop.hdfs.server.datanode.DataNode daemon=HDFS_DATANODE ;;
  hdfs:secondarynamenode) class=org.apache.hadoop.hdfs.server.namenode.SecondaryNameNode daemon=HDFS_SECONDARYNAMENODE ;;
  hdfs:journalnode) class=org.apache.hadoop.hdfs.qjournal.server.JournalNode daemon=HDFS_JOURNALNODE ;;
  hdfs:zkfc) class=org.apache.hadoop.hdfs.tools.DFSZKFailoverController daemon=HDFS_ZKFC ;;
  hdfs:dfs | hadoop:fs) class=org.apache.hadoop.fs.FsShell ;;
  hdfs:dfsadmin) class=org.apache.hadoop.hdfs.tools.DFSAdmin ;;
  hdfs:fsck) class=org.apache.hadoop.hdfs.tools.DFSck ;;
  hdfs:haadmin) class=org.apache.hadoop.hdfs.tools.DFSHAAdmin ;;
  hdfs:getconf) class=org.apache.hadoop.hdfs.tools.GetConf ;;
  yarn:resourcemanager) class=org.apache.hadoop.yarn.server.resourcemanager.ResourceManager daemon=YARN_RESOURCEMANAGER ;;
  yarn:nodemanager) class=org.apache.hadoop.yarn.server.nodemanager.NodeManager daemon=YARN_NODEMANAGER ;;
  yarn:timelineserver) class=org.apache.hadoop.yarn.server.applicationhistoryservice.ApplicationHistoryServer daemon=YARN_TIMELINESERVER ;;
  yarn:rmadmin) class=org.apache.hadoop.yarn.client.cli.RMAdminCLI ;;
  yarn:node) class=org.apache.hadoop.yarn.client.cli.NodeCLI ;;
  yarn:application) class=org.apache.hadoop.yarn.client.cli.ApplicationCLI ;;
  yarn:logs) class=org.apache.hadoop.yarn.client.cli.LogsCLI ;;
  mapred:historyserver) class=org.apache.hadoop.mapreduce.v2.hs.JobHistoryServer daemon=MAPRED_HISTORYSERVER ;;
  mapred:job) class=org.apache.hadoop.mapred.JobClient ;;
  hadoop:jar | yarn:jar) class=org.apache.hadoop.util.RunJar ;;
  *:version) class=org.apache.hadoop.util.VersionInfo ;;
  *:classpath) echo "$CLASSPATH"; exit 0 ;;
  *) usage ;;
esac

# Hadoop reaches into these JDK internals (reflection, direct buffers, Kerberos and charset helpers).
JAVA17_OPENS=""
for package in java.lang java.lang.reflect java.io java.net java.nio java.util java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.util; do
  JAVA17_OPENS+=" --add-opens=java.base/$package=ALL-UNNAMED"
done

if [[ -n "$daemon" ]]; then
  opts_var="${daemon}_OPTS"
  heap="${HADOOP_HEAPSIZE_MAX:+-Xmx$HADOOP_HEAPSIZE_MAX}"
  extra="$heap ${!opts_var:-}"
else
  extra="${HADOOP_CLIENT_OPTS:--Xmx256m}"
fi
# As Hadoop's own scripts: INFO to the console (stderr), so `yarn jar` shows its application and progress.
logger="${HADOOP_ROOT_LOGGER:-INFO,console}"

# shellcheck disable=SC2086 # option lists are split on purpose
exec "${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java" -Dproc_"$subcommand" $JAVA17_OPENS \
  -Djava.net.preferIPv4Stack=true -Dhadoop.home.dir="$HADOOP_HOME" -Dhadoop.log.dir="$HADOOP_LOG_DIR" \
  -Dyarn.log.dir="$HADOOP_LOG_DIR" -Dhadoop.id.str="$(id -un)" -Dhadoop.root.logger="$logger" \
  ${HADOOP_OPTS:-} $extra -cp "$CLASSPATH" "$class" "$@"
