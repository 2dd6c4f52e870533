/** The Hadoop step a component's start is, in the words Hadoop's own docs use. */
const STEPS: Record<string, string> = {
  ZOOKEEPER_SERVER: 'Starting ZooKeeper',
  JOURNALNODE: 'Starting the JournalNodes',
  NAMENODE: 'Formatting and starting the NameNode',
  ZKFC: 'Starting the ZooKeeper failover controllers',
  SECONDARY_NAMENODE: 'Starting the Secondary NameNode',
  DATANODE: 'Starting the DataNodes',
  RESOURCEMANAGER: 'Starting the ResourceManager',
  NODEMANAGER: 'Starting the NodeManagers',
  HISTORYSERVER: 'Starting the MapReduce JobHistory server',
  APP_TIMELINE_SERVER: 'Starting the YARN timeline server',
};

/** e.g. "Starting the DataNodes: 2 of 3 up" for components that start together. */
export function componentStep(components: string[], running: number, instances: number): string {
  const words = components.map((name, i) => {
    const step = STEPS[name] ?? `Starting ${name}`;
    return i === 0 ? step : step.charAt(0).toLowerCase() + step.slice(1);
  });
  return `${words.join(' and ')}: ${running} of ${instances} up`;
}

/** While the masters do not yet count every worker, e.g. "Waiting for the masters to count their workers: 2/3 DataNodes live, 3/3 NodeManagers active". */
export function verificationStep(summary: string): string {
  return `Waiting for the masters to count their workers: ${summary}`;
}
