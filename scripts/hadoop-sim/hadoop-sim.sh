#!/bin/sh
# A Hadoop-shaped daemon for the test image: it serves the web endpoints herd's monitor reads
# (NameNode /jmx, ResourceManager /ws/v1/cluster/metrics, DataNode and NodeManager liveness,
# ZooKeeper /commands/ruok), with figures that follow the cluster: workers heartbeat to their
# master, which counts them live or dead like the real daemons do.
#
# Installed as hadoop-sim and as the real commands' names, so stack catalog commands run unchanged:
#   hdfs namenode|secondarynamenode|journalnode|zkfc|datanode, yarn resourcemanager|nodemanager|timelineserver,
#   mapred historyserver, zkServer.sh start-foreground. One-shot admin calls (`hdfs namenode -format ...`)
#   succeed at once.
# Masters are found from the Hadoop config the stack renders ($HADOOP_CONF_DIR, default /etc/hadoop):
# fs.defaultFS in core-site.xml and yarn.resourcemanager.hostname in yarn-site.xml, or from
# HADOOP_NAMENODE_HOST / YARN_RESOURCEMANAGER_HOST. HADOOP_SIM_PORT overrides the web port.
# HADOOP_SIM_FAIL=<message> makes the daemon print the message and exit 1 (a crashing component).
set -u

case "$(basename "$0")" in
  zkServer.sh) role=zookeeper ;;
  *) role="${1:-}" ;;
esac
if [ $# -gt 0 ]; then shift; fi
conf="${HADOOP_CONF_DIR:-/etc/hadoop}"
www=/tmp/www
peers=/tmp/peers
stale_seconds=10
mkdir -p "$www/cgi-bin" "$peers"

log() { echo "$(date -u '+%Y-%m-%d %H:%M:%S') INFO $role: $*"; }

# The value of a property in one of the Hadoop *-site.xml files.
site_property() {
  [ -f "$conf/$1" ] || return 0
  tr -d '\n\r' <"$conf/$1" | sed -n "s#.*<name>$2</name>[[:space:]]*<value>\([^<]*\)</value>.*#\1#p"
}

# Atomically replaces a served document.
publish() {
  mkdir -p "$(dirname "$www$1")"
  cat >"$www$1.tmp" && mv "$www$1.tmp" "$www$1"
}

# Workers call this CGI; masters count the callers whose last call is recent.
install_heartbeat_endpoint() {
  cat >"$www/cgi-bin/heartbeat" <<'CGI'
#!/bin/sh
host=$(echo "${QUERY_STRING:-}" | sed -n 's/.*host=\([A-Za-z0-9._-]*\).*/\1/p')
[ -n "$host" ] && date +%s >"/tmp/peers/$host"
printf 'Content-Type: text/plain\r\n\r\nok\n'
CGI
  chmod +x "$www/cgi-bin/heartbeat"
}

count_peers() {
  now=$(date +%s)
  live=0
  dead=0
  for peer in "$peers"/*; do
    [ -f "$peer" ] || continue
    if [ $((now - $(cat "$peer"))) -le "$stale_seconds" ]; then live=$((live + 1)); else dead=$((dead + 1)); fi
  done
}

namenode_documents() {
  count_peers
  publish /jmx <<JSON
{"beans":[
{"name":"Hadoop:service=NameNode,name=FSNamesystemState","FSState":"Operational","NumLiveDataNodes":$live,"NumDeadDataNodes":$dead,"CapacityTotal":$((live * 1099511627776)),"CapacityUsed":0,"CapacityRemaining":$((live * 1099511627776))},
{"name":"Hadoop:service=NameNode,name=NameNodeInfo","Safemode":"","Version":"3.3.6-hadoop-sim"},
{"name":"Hadoop:service=NameNode,name=NameNodeStatus","State":"active"}
]}
JSON
}

resourcemanager_documents() {
  count_peers
  publish /ws/v1/cluster/metrics <<JSON
{"clusterMetrics":{"appsSubmitted":0,"appsCompleted":0,"appsPending":0,"appsRunning":0,"appsFailed":0,"appsKilled":0,"containersAllocated":0,"containersPending":0,"containersReserved":0,"availableMB":$((live * 8192)),"allocatedMB":0,"totalMB":$((live * 8192)),"availableVirtualCores":$((live * 8)),"totalVirtualCores":$((live * 8)),"activeNodes":$live,"lostNodes":$dead,"unhealthyNodes":0,"decommissionedNodes":0,"rebootedNodes":0,"shutdownNodes":0,"totalNodes":$((live + dead))}}
JSON
}

# Runs a master's document refresher in the background for as long as the daemon lives.
refresh_every() {
  (
    while :; do
      "$1"
      sleep 2
    done
  ) &
}

heartbeat_to() {
  master="$1"
  master_port="$2"
  me=$(hostname)
  if [ -z "$master" ]; then
    log "no master configured; not sending heartbeats"
    return
  fi
  log "sending heartbeats to $master:$master_port as $me"
  (
    while :; do
      timeout 5 wget -qO- "http://$master:$master_port/cgi-bin/heartbeat?host=$me" >/dev/null 2>&1 || true
      sleep 3
    done
  ) &
}

if [ -n "${HADOOP_SIM_FAIL:-}" ]; then
  log "starting"
  echo "$HADOOP_SIM_FAIL" >&2
  exit 1
fi

# `hdfs namenode -format -nonInteractive`, `hdfs zkfc -formatZK ...`: admin calls that return.
case "${1:-}" in
  -*)
    log "$role $*: nothing to do"
    exit 0
    ;;
esac

# The port of an http-address property, else the Hadoop 3 default.
property_port() {
  address=$(site_property "$1" "$2")
  port_found="${address##*:}"
  echo "${port_found:-$3}"
}

# This daemon's web port: HADOOP_SIM_PORT overrides the config.
web_port() {
  echo "${HADOOP_SIM_PORT:-$(property_port "$@")}"
}

# A daemon whose web endpoint only has to answer.
static_document() {
  echo "$2" | publish "$1"
}

namenode_host="${HADOOP_NAMENODE_HOST:-$(site_property core-site.xml fs.defaultFS | sed -n 's#^hdfs://\([^:/]*\).*#\1#p')}"
resourcemanager_host="${YARN_RESOURCEMANAGER_HOST:-$(site_property yarn-site.xml yarn.resourcemanager.hostname)}"

case "$role" in
  namenode)
    port=$(web_port hdfs-site.xml dfs.namenode.http-address 9870)
    install_heartbeat_endpoint
    namenode_documents
    refresh_every namenode_documents
    ;;
  resourcemanager)
    port=$(web_port yarn-site.xml yarn.resourcemanager.webapp.address 8088)
    install_heartbeat_endpoint
    resourcemanager_documents
    refresh_every resourcemanager_documents
    ;;
  datanode)
    port=$(web_port hdfs-site.xml dfs.datanode.http.address 9864)
    static_document /jmx '{"beans":[{"name":"Hadoop:service=DataNode,name=DataNodeInfo","Version":"3.3.6-hadoop-sim"}]}'
    heartbeat_to "$namenode_host" "$(property_port hdfs-site.xml dfs.namenode.http-address 9870)"
    ;;
  nodemanager)
    port=$(web_port yarn-site.xml yarn.nodemanager.webapp.address 8042)
    static_document /ws/v1/node/info "{\"nodeInfo\":{\"nodeHealthy\":true,\"healthReport\":\"\",\"nodeHostName\":\"$(hostname)\"}}"
    heartbeat_to "$resourcemanager_host" "$(property_port yarn-site.xml yarn.resourcemanager.webapp.address 8088)"
    ;;
  secondarynamenode)
    port=$(web_port hdfs-site.xml dfs.namenode.secondary.http-address 9868)
    static_document /jmx '{"beans":[{"name":"Hadoop:service=SecondaryNameNode,name=SecondaryNameNodeInfo"}]}'
    ;;
  journalnode)
    port=$(web_port hdfs-site.xml dfs.journalnode.http-address 8480)
    static_document /jmx '{"beans":[{"name":"Hadoop:service=JournalNode,name=JournalNodeInfo"}]}'
    ;;
  historyserver)
    port=$(web_port mapred-site.xml mapreduce.jobhistory.webapp.address 19888)
    static_document /ws/v1/history/info '{"historyInfo":{"hadoopVersion":"3.3.6-hadoop-sim"}}'
    ;;
  timelineserver)
    port=$(web_port yarn-site.xml yarn.timeline-service.webapp.address 8188)
    static_document /ws/v1/timeline '{"About":"Timeline API"}'
    ;;
  zookeeper)
    port="${HADOOP_SIM_PORT:-8080}"
    static_document /commands/ruok '{"command":"ruok","error":null}'
    ;;
  zkfc)
    log "watching the NameNode (no web endpoint)"
    exec sleep 2147483647
    ;;
  *)
    echo "hadoop-sim: unknown daemon '$role'; known: namenode secondarynamenode journalnode zkfc datanode resourcemanager nodemanager timelineserver historyserver zookeeper" >&2
    exit 2
    ;;
esac

log "serving on port $port"
exec httpd -f -p "$port" -h "$www"
