// No test-runner imports here: the benchmarks load this file too.

/** NameNode, ResourceManager and JobHistory server on a master; DataNode and NodeManager on the workers. */
export function realHadoopBlueprint(name: string, configurations: Record<string, Record<string, string>>[] = []) {
  return {
    Blueprints: { blueprint_name: name, stack_name: 'HADOOP', stack_version: '3.5' },
    configurations: configurations.map((entry) => Object.fromEntries(Object.entries(entry).map(([type, properties]) => [type, { properties }]))),
    host_groups: [
      { name: 'master', cardinality: '1', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }, { name: 'HISTORYSERVER' }] },
      { name: 'worker', cardinality: '1+', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
    ],
  };
}
