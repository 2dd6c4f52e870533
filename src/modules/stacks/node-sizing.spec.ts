import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../common/errors';
import { mergeConfigurations } from './cluster-configuration';
import { heapSettingProblems, memoryBudgetsMb, planNodeMemory } from './node-sizing';
import type { ConfigurationMap } from './stack.types';

const MEDIUM = { memoryMb: 4096, cpus: 2 };
const WORKER = ['DATANODE', 'NODEMANAGER'];
const MASTER = ['NAMENODE', 'RESOURCEMANAGER', 'HISTORYSERVER'];

/** The plan and the budgets under the final configuration, where `blueprint` goes over the plan as in effectiveConfiguration. */
function size(components: string[], blueprint: ConfigurationMap = {}, node = MEDIUM, taskJvmOptions?: string) {
  const plan = planNodeMemory(node, components, blueprint, taskJvmOptions);
  const final = mergeConfigurations([plan.properties, blueprint]);
  return { ...plan, final, budgets: memoryBudgetsMb(plan, final) };
}

describe('planNodeMemory', () => {
  it('gives a medium worker an eighth of the node per daemon and the rest to YARN', () => {
    const { heapsMb, properties, budgets } = size(WORKER);
    expect(heapsMb).toEqual({ DATANODE: 512, NODEMANAGER: 512 });
    expect(properties['yarn-site']).toEqual({
      'yarn.nodemanager.resource.memory-mb': '2560',
      'yarn.nodemanager.resource.cpu-vcores': '2',
      'yarn.scheduler.minimum-allocation-mb': '256',
    });
    // Heap and non-heap each, and the NodeManager's containers on top of its own: the node, exactly.
    expect(budgets).toEqual({ DATANODE: 768, NODEMANAGER: 3328 });
  });

  it('gives masters a quarter of the node, and a node without a NodeManager no YARN memory', () => {
    const { heapsMb, properties, budgets } = size(MASTER);
    expect(heapsMb).toEqual({ NAMENODE: 1024, RESOURCEMANAGER: 1024, HISTORYSERVER: 512 });
    expect(properties['yarn-site']).toEqual({ 'yarn.scheduler.minimum-allocation-mb': '256' });
    expect(budgets).toEqual({ NAMENODE: 1280, RESOURCEMANAGER: 1280, HISTORYSERVER: 768 });
  });

  it('sizes MapReduce containers the same on every node, with 75% heap and the stack line\'s JVM flags', () => {
    const flags = '-XX:+UseSerialGC --add-opens=java.base/java.lang=ALL-UNNAMED';
    const expected = {
      'mapreduce.map.memory.mb': '512',
      'mapreduce.map.java.opts': `-Xmx384m ${flags}`,
      'mapreduce.reduce.memory.mb': '512',
      'mapreduce.reduce.java.opts': `-Xmx384m ${flags}`,
      'yarn.app.mapreduce.am.resource.mb': '512',
      'yarn.app.mapreduce.am.command-opts': `-Xmx384m ${flags}`,
    };
    expect(size(WORKER, {}, MEDIUM, flags).properties['mapred-site']).toEqual(expected);
    expect(size(MASTER, {}, { memoryMb: 16384, cpus: 8 }, flags).properties['mapred-site']).toEqual(expected);
    expect(size(['ZOOKEEPER_SERVER'], {}, { memoryMb: 1024, cpus: 1 }).properties['mapred-site']!['mapreduce.map.java.opts']).toBe('-Xmx384m');
  });

  it('keeps default heaps within their bounds, in steps of 64 MB, and YARN at one task container at least', () => {
    expect(size([...MASTER, ...WORKER], {}, { memoryMb: 1024, cpus: 1 }).heapsMb).toEqual({ NAMENODE: 256, RESOURCEMANAGER: 256, HISTORYSERVER: 256, DATANODE: 256, NODEMANAGER: 256 });
    expect(size(WORKER, {}, { memoryMb: 1024, cpus: 1 }).properties['yarn-site']!['yarn.nodemanager.resource.memory-mb']).toBe('512');
    expect(size(['NAMENODE', 'DATANODE'], {}, { memoryMb: 65536, cpus: 16 }).heapsMb).toEqual({ NAMENODE: 8192, DATANODE: 2048 });
    expect(size(['NAMENODE', 'DATANODE'], {}, { memoryMb: 3000, cpus: 2 }).heapsMb).toEqual({ NAMENODE: 704, DATANODE: 320 });
  });

  it('sizes only Hadoop daemons, and leaves the NodeManager\'s neighbours room of their own', () => {
    const { heapsMb, properties, budgets } = size([...WORKER, 'HBASE_REGIONSERVER']);
    expect(heapsMb).toEqual({ DATANODE: 512, NODEMANAGER: 512 });
    expect(budgets).not.toHaveProperty('HBASE_REGIONSERVER');
    expect(properties['yarn-site']!['yarn.nodemanager.resource.memory-mb']).toBe('1792');
  });

  it('takes heaps from Ambari\'s hadoop-env, yarn-env and mapred-env keys, the specific key before the general one', () => {
    const { heapsMb, properties } = size([...MASTER, ...WORKER, 'JOURNALNODE', 'APP_TIMELINE_SERVER'], {
      'hadoop-env': { namenode_heapsize: '2048m', dtnode_heapsize: '1g', hadoop_heapsize: '300' },
      'yarn-env': { nodemanager_heapsize: '768', yarn_heapsize: '640M' },
      'mapred-env': { jobhistory_heapsize: '900' },
    });
    expect(heapsMb).toEqual({ NAMENODE: 2048, DATANODE: 1024, JOURNALNODE: 300, RESOURCEMANAGER: 640, NODEMANAGER: 768, APP_TIMELINE_SERVER: 640, HISTORYSERVER: 900 });
    expect(properties['yarn-site']!['yarn.nodemanager.resource.memory-mb']).toBe('512');
  });

  it('lets a NodeManager heap from yarn-env shrink the YARN memory it leaves', () => {
    expect(size(WORKER, { 'yarn-env': { nodemanager_heapsize: '768' } }).properties['yarn-site']!['yarn.nodemanager.resource.memory-mb']).toBe('2304');
  });

  it('budgets the YARN memory a blueprint sets in yarn-site, and follows its MapReduce container sizes', () => {
    const { final, budgets } = size(WORKER, {
      'yarn-site': { 'yarn.nodemanager.resource.memory-mb': '1024' },
      'mapred-site': { 'mapreduce.map.memory.mb': '1024', 'mapreduce.reduce.java.opts': '-Xmx200m' },
    });
    expect(final['yarn-site']!['yarn.nodemanager.resource.memory-mb']).toBe('1024');
    expect(budgets.NODEMANAGER).toBe(512 + 256 + 1024);
    expect(final['mapred-site']).toMatchObject({ 'mapreduce.map.memory.mb': '1024', 'mapreduce.map.java.opts': '-Xmx768m', 'mapreduce.reduce.memory.mb': '512', 'mapreduce.reduce.java.opts': '-Xmx200m' });
  });

  it('refuses a heap that is not a size, naming the field', () => {
    const plan = () => planNodeMemory(MEDIUM, WORKER, { 'hadoop-env': { namenode_heapsize: '1.5g' } });
    expect(plan).toThrow(ValidationFailed);
    expect(plan).toThrow(/^configurations\.hadoop-env\.namenode_heapsize: must be a heap size in MB/);
  });
});

describe('heapSettingProblems', () => {
  it('names every bad heap setting and accepts MB, m, M, g and G', () => {
    const configuration = {
      'hadoop-env': { namenode_heapsize: '1024', dtnode_heapsize: '1024m', hadoop_heapsize: '0' },
      'yarn-env': { resourcemanager_heapsize: '2G', yarn_heapsize: '-512', nodemanager_heapsize: 'lots' },
      'mapred-env': { jobhistory_heapsize: '1024k' },
    };
    const problems = heapSettingProblems(configuration, (type, property) => `${type}/${property}`);
    expect(problems.map((problem) => problem.field).sort()).toEqual(['hadoop-env/hadoop_heapsize', 'mapred-env/jobhistory_heapsize', 'yarn-env/nodemanager_heapsize', 'yarn-env/yarn_heapsize']);
  });
});
