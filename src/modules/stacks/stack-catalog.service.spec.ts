import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors';
import { ConfigError } from '../../config/config';
import { parseCardinality } from './cardinality';
import { StackCatalog } from './stack-catalog.service';
import type { ClusterTopology } from './stack.types';

const catalog = new StackCatalog({ stacksFile: undefined });
const hadoop3 = catalog.resolve('HADOOP', '3.3');

function catalogFrom(name: string, content: string): StackCatalog {
  const path = join(mkdtempSync(join(tmpdir(), 'herd-stacks-')), name);
  writeFileSync(path, content);
  return new StackCatalog({ stacksFile: path });
}

function topology(hosts: Record<string, string[]>): ClusterTopology {
  return { hostsOf: (component) => hosts[component] ?? [] };
}

describe('StackCatalog', () => {
  it('resolves HDP 2.x names to the Apache Hadoop 2.7 line, case-insensitively', () => {
    expect(catalog.resolve('HDP', '2.6')).toMatchObject({ name: 'HADOOP', version: '2.7' });
    expect(catalog.resolve('hdp', '2.4')).toMatchObject({ name: 'HADOOP', version: '2.7' });
    expect(catalog.resolve('hadoop', '3.3')).toBe(hadoop3);
  });

  it('names the field that is wrong: an unknown stack or an unknown version', () => {
    const failure = (name: string, version: string) => {
      try {
        catalog.resolve(name, version, { name: 'Blueprints.stack_name', version: 'Blueprints.stack_version' });
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('resolved');
    };
    expect(failure('CDH', '5').details).toEqual([{ field: 'Blueprints.stack_name', reason: expect.stringContaining('unknown stack "CDH"') }]);
    expect(failure('HDP', '3.1').details).toEqual([{ field: 'Blueprints.stack_version', reason: expect.stringContaining('2.3, 2.4, 2.5, 2.6') }]);
  });

  it('uses the 2.x web ports on the 2.7 line and the 3.x ones on 3.3', () => {
    const [hadoop2NameNode] = catalog.componentSpecs(catalog.resolve('HDP', '2.6'), ['NAMENODE']);
    const [hadoop3NameNode] = catalog.componentSpecs(hadoop3, ['NAMENODE']);
    expect(hadoop2NameNode!.health).toEqual({ port: 50070, path: '/jmx' });
    expect(hadoop3NameNode!.health).toEqual({ port: 9870, path: '/jmx' });
    expect(catalog.componentSpecs(hadoop3, ['RESOURCEMANAGER'])[0]!.health).toEqual({ port: 8088, path: '/ws/v1/cluster/metrics' });
  });

  it('orders specs ZooKeeper, JournalNode, NameNode, DataNode, ResourceManager, NodeManager, then the rest; clients run nothing', () => {
    const specs = catalog.componentSpecs(hadoop3, ['HDFS_CLIENT', 'HISTORYSERVER', 'NODEMANAGER', 'RESOURCEMANAGER', 'DATANODE', 'NAMENODE', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'METRICS_MONITOR']);
    expect(specs.map((spec) => spec.name)).toEqual(['ZOOKEEPER_SERVER', 'JOURNALNODE', 'NAMENODE', 'DATANODE', 'RESOURCEMANAGER', 'NODEMANAGER', 'HISTORYSERVER']);
    expect(specs.map((spec) => spec.startOrder)).toEqual([...specs.map((spec) => spec.startOrder)].sort((a, b) => a - b));
  });

  it('defines every component with a valid cardinality and dependencies on components of the same stack', () => {
    for (const stack of catalog.list()) {
      for (const component of Object.values(stack.components)) {
        expect(parseCardinality(component.cardinality), `${component.name} ${component.cardinality}`).toBeDefined();
        for (const dependency of component.dependencies) expect(stack.components[dependency.component], `${component.name} -> ${dependency.component}`).toBeDefined();
      }
    }
  });

  it('gives every component it runs distinct ports, so any host group can co-locate them', () => {
    for (const stack of catalog.list()) {
      const seen = new Map<number, string>();
      for (const component of Object.values(stack.components)) {
        for (const port of component.process?.ports ?? []) {
          expect(seen.get(port.port), `${stack.name} ${stack.version}: port ${port.port} of ${component.name}`).toBeUndefined();
          seen.set(port.port, component.name);
        }
      }
    }
  });

  it('renders the blueprint configurations over the stack defaults, host group last', () => {
    const [datanode] = catalog.componentSpecs(hadoop3, ['DATANODE'], [{ 'hdfs-site': { 'dfs.replication': '2', 'dfs.blocksize': '64m' } }, { 'hdfs-site': { 'dfs.blocksize': '32m' } }]);
    const hdfsSite = datanode!.configFiles.find((file) => file.path.endsWith('/hdfs-site.xml'))!.content;
    expect(hdfsSite).toContain('<name>dfs.replication</name>\n    <value>2</value>');
    expect(hdfsSite).toContain('<name>dfs.blocksize</name>\n    <value>32m</value>');
    expect(hdfsSite).toContain('<name>dfs.datanode.data.dir</name>');
    const coreSite = datanode!.configFiles.find((file) => file.path.endsWith('/core-site.xml'))!.content;
    expect(coreSite).toContain('<value>hdfs://namenode:8020</value>');
  });

  it('escapes XML in property values', () => {
    const [namenode] = catalog.componentSpecs(hadoop3, ['NAMENODE'], { 'core-site': { 'x.y': '<a & "b">' } });
    expect(namenode!.configFiles[0]!.content).toContain('<value>&lt;a &amp; &quot;b&quot;&gt;</value>');
  });

  it('configures NameNode HA, the ZooKeeper ensemble and Ambari host group tokens from the topology', () => {
    const layout = topology({
      NAMENODE: ['m1', 'm2'],
      JOURNALNODE: ['m1', 'm2', 'm3'],
      ZOOKEEPER_SERVER: ['m1', 'm2', 'm3'],
      DATANODE: ['w1', 'w2'],
      RESOURCEMANAGER: ['m1'],
    });
    const withGroups: ClusterTopology = { ...layout, hostsOfGroup: (group) => (group === 'master_3' ? ['m3'] : []) };
    const [zookeeper, namenode] = catalog.componentSpecs(hadoop3, ['NAMENODE', 'ZOOKEEPER_SERVER'], { 'core-site': { 'custom.host': '%HOSTGROUP::master_3%' } }, withGroups);
    const zooCfg = zookeeper!.configFiles[0]!.content;
    expect(zooCfg).toContain('server.1=m1:2888:3888\nserver.2=m2:2888:3888\nserver.3=m3:2888:3888\n');
    const files = Object.fromEntries(namenode!.configFiles.map((file) => [file.path.split('/').pop(), file.content]));
    expect(files['core-site.xml']).toContain('<value>hdfs://herd</value>');
    expect(files['core-site.xml']).toContain('<value>m1:2181,m2:2181,m3:2181</value>');
    expect(files['core-site.xml']).toContain('<name>custom.host</name>\n    <value>m3</value>');
    expect(files['hdfs-site.xml']).toContain('<value>qjournal://m1:8485;m2:8485;m3:8485/herd</value>');
    expect(files['hdfs-site.xml']).toContain('<name>dfs.namenode.rpc-address.herd.nn2</name>\n    <value>m2:8020</value>');
    expect(files['hdfs-site.xml']).toContain('<name>dfs.replication</name>\n    <value>2</value>');
  });

  describe('node sizing', () => {
    const hadoop35 = catalog.resolve('HADOOP', '3.5');
    const medium = { memoryMb: 4096, cpus: 2 };
    const property = (name: string, value: string) => `<name>${name}</name>\n    <value>${value}</value>`;
    const file = (spec: { configFiles: { path: string; content: string }[] }, name: string) => spec.configFiles.find((entry) => entry.path.endsWith(`/${name}`))!.content;

    it('renders a 3.5 worker with heaps, YARN memory and MapReduce containers sized for its node', () => {
      const [datanode, nodemanager] = catalog.componentSpecs(hadoop35, ['DATANODE', 'NODEMANAGER'], [], undefined, medium);
      expect(datanode!.env).toMatchObject({ HADOOP_HEAPSIZE_MAX: '512m' });
      expect(nodemanager!.env).toMatchObject({ HADOOP_HEAPSIZE_MAX: '512m' });
      expect([datanode!.memoryMb, nodemanager!.memoryMb]).toEqual([768, 3328]);
      const yarnSite = file(nodemanager!, 'yarn-site.xml');
      expect(yarnSite).toContain(property('yarn.nodemanager.resource.memory-mb', '2560'));
      expect(yarnSite).toContain(property('yarn.nodemanager.resource.cpu-vcores', '2'));
      expect(yarnSite).toContain(property('yarn.scheduler.minimum-allocation-mb', '256'));
      const mapredSite = file(datanode!, 'mapred-site.xml');
      expect(mapredSite).toContain(property('mapreduce.map.memory.mb', '512'));
      expect(mapredSite).toContain(property('yarn.app.mapreduce.am.resource.mb', '512'));
      // Java 17 refuses Hadoop's reflection unless every task JVM opens the JDK's packages.
      expect(mapredSite).toContain(property('mapreduce.reduce.java.opts', `-Xmx384m ${hadoop35.taskJvmOptions}`));
      expect(mapredSite).toContain(property('yarn.app.mapreduce.am.command-opts', `-Xmx384m ${hadoop35.taskJvmOptions}`));
    });

    it('lets the blueprint\'s hadoop-env and yarn-site win over the sizing, host group last', () => {
      const specs = catalog.componentSpecs(
        hadoop35,
        ['DATANODE', 'NODEMANAGER'],
        [{ 'hadoop-env': { dtnode_heapsize: '1024' }, 'yarn-site': { 'yarn.nodemanager.resource.memory-mb': '2048' } }, { 'yarn-site': { 'yarn.nodemanager.resource.memory-mb': '1024' } }],
        undefined,
        medium,
      );
      const [datanode, nodemanager] = specs;
      expect(datanode).toMatchObject({ env: { HADOOP_HEAPSIZE_MAX: '1024m' }, memoryMb: 1280 });
      expect(file(nodemanager!, 'yarn-site.xml')).toContain(property('yarn.nodemanager.resource.memory-mb', '1024'));
      expect(nodemanager!.memoryMb).toBe(512 + 256 + 1024);
    });

    it('gives components other than Hadoop daemons no heap and no budget, and sizes for the default node when none is given', () => {
      const [zookeeper, namenode] = catalog.componentSpecs(hadoop3, ['ZOOKEEPER_SERVER', 'NAMENODE']);
      expect(zookeeper!.env).not.toHaveProperty('HADOOP_HEAPSIZE_MAX');
      expect(zookeeper!.memoryMb).toBeUndefined();
      expect(namenode).toMatchObject({ env: { HADOOP_HEAPSIZE_MAX: '1024m' }, memoryMb: 1280 });
    });

    it('refuses a heap setting that is not a size, naming the field', () => {
      expect(() => catalog.componentSpecs(hadoop35, ['NAMENODE'], { 'hadoop-env': { namenode_heapsize: 'big' } })).toThrow(/configurations\.hadoop-env\.namenode_heapsize/);
    });
  });

  it('refuses components the stack does not know', () => {
    expect(() => catalog.componentSpecs(hadoop3, ['NAMENODE', 'FLUX_CAPACITOR'])).toThrow(DomainError);
  });

  describe('stacks file', () => {
    it('adds a stack extending a built-in one, from YAML', () => {
      const extended = catalogFrom(
        'stacks.yaml',
        ['stacks:', '  - name: HADOOP', '    version: "3.4"', '    extends: { name: HADOOP, version: "3.3" }', '    aliases: [{ name: ODP, version: "1.2" }]', '    components:', '      NAMENODE:', '        process: { image: "registry.local/hadoop:3.4.1" }', ''].join('\n'),
      );
      const stack = extended.resolve('ODP', '1.2');
      expect(stack).toMatchObject({ name: 'HADOOP', version: '3.4' });
      expect(extended.componentSpecs(stack, ['NAMENODE'])[0]).toMatchObject({ image: 'registry.local/hadoop:3.4.1', health: { port: 9870, path: '/jmx' } });
      expect(extended.componentSpecs(stack, ['DATANODE'])[0]!.image).toBe('apache/hadoop:3.3.6');
    });

    it('overrides a built-in stack in place and adds a component, from JSON', () => {
      const overridden = catalogFrom(
        'stacks.json',
        JSON.stringify({
          stacks: [
            {
              name: 'HADOOP',
              version: '2.7',
              components: {
                KAFKA_BROKER: { process: { image: 'apache/kafka:3.7.0', command: ['/opt/kafka/bin/kafka-server-start.sh', '/opt/kafka/config/server.properties'], ports: [{ name: 'broker', port: 9092, protocol: 'tcp' }] } },
              },
            },
          ],
        }),
      );
      expect(overridden.componentSpecs(overridden.resolve('HDP', '2.6'), ['KAFKA_BROKER'])[0]).toMatchObject({ image: 'apache/kafka:3.7.0', ports: [{ port: 9092 }] });
    });

    const bootProblems = (name: string, stacks: unknown[]): string[] => {
      try {
        catalogFrom(name, JSON.stringify({ stacks }));
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('accepted');
    };

    it('stops boot on fields the file format does not have', () => {
      expect(bootProblems('unknown.json', [{ name: 'THIRD', version: '1', colour: 'blue' }])).toEqual([expect.stringMatching(/^HERD_STACKS_FILE \(.*unknown\.json\): stacks\[0\]: "colour" is not a known field$/)]);
    });

    it('stops boot with every semantic problem and its path', () => {
      const problems = bootProblems('semantic.json', [
        { name: 'MINE', version: '1', components: { WIDGET: { category: 'master', cardinality: 'lots', dependencies: [{ component: 'GADGET', scope: 'cluster' }] } } },
        { name: 'OTHER', version: '1', extends: { name: 'NOPE', version: '9' } },
      ]);
      expect(problems).toEqual([
        expect.stringContaining('stacks[0].components.WIDGET.service: is required'),
        expect.stringContaining('stacks[0].components.WIDGET.cardinality: must be an Ambari cardinality'),
        expect.stringContaining('stacks[0].components.WIDGET.dependencies[0].component: GADGET is not a component'),
        expect.stringContaining('stacks[1].extends: no stack NOPE 9'),
      ]);
    });

    it('reports unreadable and malformed files', () => {
      expect(() => new StackCatalog({ stacksFile: '/nonexistent/stacks.yaml' })).toThrow(/cannot be read/);
      expect(() => catalogFrom('broken.json', '{"stacks": [')).toThrow(/is not valid JSON/);
    });
  });
});
