import { execFileSync, spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fetchHadoopJson } from '../src/modules/observation/hadoop-http';
import { endpointAnswers } from '../src/providers/docker/docker.health';
import { ENDPOINT_PORT_LABEL, HEALTH_PATH_LABEL } from '../src/providers/docker/docker.endpoints';
import { LABEL } from '../src/providers/docker/docker.labels';
import { TEST_DOCKER_HOST } from '../test/support/docker-engine';

/**
 * The docker CLI baseline of bench:hadoop: the containers herd ran for a cluster, started again
 * with nothing but `docker` commands, in herd's order, and timed to the same Hadoop condition.
 */

const DOCKER_CLI = '/usr/bin/docker';
/** Marks what the baseline makes, so cleanup never touches anything else on the engine. */
export const BENCH_LABEL = 'io.herd.bench';
/** Where the stack renders its site files; herd copies them in before a component's first start. */
const HADOOP_CONF = '/opt/hadoop/etc/hadoop';
const POLL_MS = 250;

/** One `docker` command against herd's engine; rejects with the tail of its stderr when it fails. */
export function docker(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOCKER_CLI, ['-H', TEST_DOCKER_HOST, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const stderr = Buffer.concat(err).toString('utf8').trim().slice(-2000);
      reject(new Error(`docker ${args.slice(0, 3).join(' ')} ... exited with ${code}: ${stderr}`));
    });
    child.stdin.end(input);
  });
}

/**
 * Force-removes the containers, networks and volumes carrying `label` (key=value). Synchronous so
 * that a signal handler can run it too.
 */
export function removeLabelled(label: string): void {
  const cli = (args: string[]) => execFileSync(DOCKER_CLI, ['-H', TEST_DOCKER_HOST, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const ids = (args: string[]) => cli([...args, '--filter', `label=${label}`]).split('\n').filter(Boolean);
  const containers = ids(['ps', '-aq']);
  if (containers.length) cli(['rm', '-f', '-v', ...containers]);
  const networks = ids(['network', 'ls', '-q']);
  if (networks.length) cli(['network', 'rm', ...networks]);
  const volumes = ids(['volume', 'ls', '-q']);
  if (volumes.length) cli(['volume', 'rm', '-f', ...volumes]);
}

/** What `docker run`/`docker create` needs to make the same container again. */
interface ContainerRecipe {
  image: string;
  entrypoint: string[];
  cmd: string[];
  env: string[];
  init: boolean;
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  restart: string;
}

interface ComponentRecipe extends ContainerRecipe {
  component: string;
  startOrder: number;
  port?: number;
  /** The path herd probes on `port` before it calls the component running. */
  healthPath?: string;
  /** A local copy of the files herd put into the component's Hadoop configuration directory. */
  configDir: string;
}

interface NodeRecipe {
  /** `<host group>-<index>`, for container names. */
  slot: string;
  hostname: string;
  aliases: string[];
  sandbox: ContainerRecipe;
  components: ComponentRecipe[];
}

export interface ClusterRecipe {
  nodes: NodeRecipe[];
  /** Holds every component's configDir. */
  root: string;
}

interface Inspected {
  Id: string;
  Config: { Hostname: string; Image: string; Cmd: string[] | null; Entrypoint: string[] | null; Env: string[] | null; Labels: Record<string, string> };
  HostConfig: {
    Init: boolean | null;
    Memory: number;
    NanoCpus: number;
    PidsLimit: number | null;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    Mounts?: unknown[] | null;
  };
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null; IPAddress: string }> };
}

/**
 * Reads what herd ran for the cluster from the engine: every container's image, command, env and
 * limits, the sandboxes' hostnames and aliases, and the configuration files herd copied in (the
 * files `docker diff` lists as added or changed under the configuration directory).
 */
export async function readClusterRecipe(clusterId: string, root: string): Promise<ClusterRecipe> {
  const ids = (await docker(['ps', '-aq', '--filter', `label=${LABEL.cluster}=${clusterId}`])).split('\n').filter(Boolean);
  if (!ids.length) throw new Error(`no containers of cluster ${clusterId} to copy`);
  const inspected = JSON.parse(await docker(['inspect', ...ids])) as Inspected[];
  const nodes: NodeRecipe[] = [];
  for (const sandbox of inspected.filter((container) => container.Config.Labels[LABEL.role] === 'node')) {
    const labels = sandbox.Config.Labels;
    const slot = `${labels[LABEL.hostGroup]}-${labels[LABEL.nodeIndex]}`.toLowerCase();
    const networks = Object.values(sandbox.NetworkSettings.Networks);
    if (networks.length !== 1) throw new Error(`sandbox of ${labels[LABEL.node]} is on ${networks.length} networks, expected 1`);
    const ownComponents = inspected.filter((container) => container.Config.Labels[LABEL.role] === 'component' && container.Config.Labels[LABEL.node] === labels[LABEL.node]);
    nodes.push({
      slot,
      hostname: sandbox.Config.Hostname,
      // The engine adds the container's short id as an alias of its own.
      aliases: (networks[0].Aliases ?? []).filter((alias) => alias !== sandbox.Id.slice(0, 12)),
      sandbox: containerRecipe(sandbox),
      components: await Promise.all(ownComponents.map((component) => componentRecipe(component, join(root, `${slot}--${component.Config.Labels[LABEL.component].toLowerCase()}`)))),
    });
  }
  return { nodes: nodes.sort((a, b) => a.slot.localeCompare(b.slot)), root };
}

function containerRecipe(container: Inspected): ContainerRecipe {
  const { Config: config, HostConfig: host } = container;
  if (host.Mounts?.length) throw new Error(`container ${container.Id.slice(0, 12)} mounts volumes; the baseline does not recreate them`);
  const { Name: policy, MaximumRetryCount: retries } = host.RestartPolicy;
  return {
    image: config.Image,
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    env: config.Env ?? [],
    init: host.Init === true,
    memoryBytes: host.Memory,
    nanoCpus: host.NanoCpus,
    pidsLimit: host.PidsLimit ?? 0,
    restart: policy === 'on-failure' && retries > 0 ? `on-failure:${retries}` : policy || 'no',
  };
}

async function componentRecipe(container: Inspected, configDir: string): Promise<ComponentRecipe> {
  const labels = container.Config.Labels;
  const written = (await docker(['diff', container.Id]))
    .split('\n')
    .map((line) => line.match(/^[AC] (.+)$/)?.[1])
    .filter((path): path is string => !!path && path.startsWith(`${HADOOP_CONF}/`))
    .map((path) => path.slice(HADOOP_CONF.length + 1));
  const everything = `${configDir}.all`;
  await mkdir(everything, { recursive: true });
  await mkdir(configDir, { recursive: true });
  await docker(['cp', `${container.Id}:${HADOOP_CONF}/.`, everything]);
  const present = new Set(await readdir(everything));
  for (const file of written.filter((name) => present.has(name) && !name.includes('/'))) await rename(join(everything, file), join(configDir, file));
  await rm(everything, { recursive: true, force: true });
  if (!(await readdir(configDir)).length) throw new Error(`herd wrote no configuration files into ${labels[LABEL.component]} on ${labels[LABEL.node]}`);
  const port = Number(labels[ENDPOINT_PORT_LABEL]);
  return {
    ...containerRecipe(container),
    component: labels[LABEL.component],
    startOrder: Number(labels[LABEL.startOrder]),
    port: port || undefined,
    healthPath: labels[HEALTH_PATH_LABEL],
    configDir,
  };
}

export interface BaselineSample {
  /** First docker CLI call to the NameNode counting every DataNode live and the ResourceManager every NodeManager active. */
  seconds: number;
  /**
   * To that and every component having answered its health endpoint once, as herd requires before
   * it verifies the cluster (the JobHistory server, which the counts do not wait for, included).
   */
  everyComponentSeconds: number;
  /** When the last `docker start` returned. */
  startedSeconds: number;
  liveDataNodesSeconds: number;
  activeNodeManagersSeconds: number;
}

/**
 * Starts the recipe's containers with the docker CLI as herd does (all nodes at once: network,
 * sandbox, then each component created with its files copied in; then components started group by
 * group in ascending start order) and waits, polling every 250 ms, until the NameNode counts every
 * DataNode live and the ResourceManager every NodeManager active, and every component has answered
 * its health endpoint. Removes all it made.
 */
export async function timeBaseline(recipe: ClusterRecipe, tag: string, timeoutMs: number): Promise<BaselineSample> {
  const label = `${BENCH_LABEL}=${tag}`;
  const network = `herd-bench-${tag}`;
  const sandboxName = (node: NodeRecipe) => `herd-bench-${tag}-${node.slot}`;
  const componentName = (node: NodeRecipe, component: ComponentRecipe) => `${sandboxName(node)}--${component.component.toLowerCase()}`;
  const starts: { name: string; order: number }[] = [];
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  try {
    await docker(['network', 'create', '--driver', 'bridge', '--label', label, network]);
    await Promise.all(
      recipe.nodes.map(async (node) => {
        const aliases = node.aliases.flatMap((alias) => ['--network-alias', alias]);
        await docker(['run', '-d', '--name', sandboxName(node), '--label', label, '--hostname', node.hostname, '--network', network, ...aliases, ...createFlags(node.sandbox), ...commandOf(node.sandbox)]);
        for (const component of node.components) {
          const name = componentName(node, component);
          await docker(['create', '--name', name, '--label', label, '--network', `container:${sandboxName(node)}`, ...createFlags(component), ...commandOf(component)]);
          await docker(['cp', `${component.configDir}/.`, `${name}:${HADOOP_CONF}/`]);
          starts.push({ name, order: component.startOrder });
        }
      }),
    );
    for (const order of [...new Set(starts.map((start) => start.order))].sort((a, b) => a - b)) {
      await Promise.all(starts.filter((start) => start.order === order).map((start) => docker(['start', start.name])));
    }
    const startedSeconds = since();
    const target = await hadoopTargets(recipe, network, sandboxName);
    const deadline = Date.now() + timeoutMs;
    const silent = new Set(target.health);
    let liveDataNodesSeconds: number | undefined;
    let activeNodeManagersSeconds: number | undefined;
    let countedSeconds: number | undefined;
    for (;;) {
      const healthProbes = [...silent].map(async (url) => {
        if (await endpointAnswers(url)) silent.delete(url);
      });
      const [live, active] = await Promise.all([
        fetchHadoopJson(target.namenode).then((body) => (body as { beans?: { NumLiveDataNodes?: number }[] } | undefined)?.beans?.[0]?.NumLiveDataNodes),
        fetchHadoopJson(target.resourcemanager).then((body) => (body as { clusterMetrics?: { activeNodes?: number } } | undefined)?.clusterMetrics?.activeNodes),
      ]);
      await Promise.all(healthProbes);
      if (live === target.datanodes) liveDataNodesSeconds ??= since();
      if (active === target.nodemanagers) activeNodeManagersSeconds ??= since();
      if (live === target.datanodes && active === target.nodemanagers) countedSeconds ??= since();
      if (countedSeconds !== undefined && silent.size === 0) {
        return { seconds: countedSeconds, everyComponentSeconds: since(), startedSeconds, liveDataNodesSeconds: liveDataNodesSeconds!, activeNodeManagersSeconds: activeNodeManagersSeconds! };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `baseline: after ${timeoutMs / 1000} s the NameNode counts ${live ?? 'no'} live DataNodes (of ${target.datanodes}), the ResourceManager ${active ?? 'no'} active NodeManagers (of ${target.nodemanagers}); silent: ${[...silent].join(', ') || 'none'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    removeLabelled(label);
  }
}

function createFlags(container: ContainerRecipe): string[] {
  return [
    ...(container.init ? ['--init'] : []),
    '--restart',
    container.restart,
    ...(container.memoryBytes ? ['--memory', `${container.memoryBytes}b`] : []),
    ...(container.nanoCpus ? ['--cpus', (container.nanoCpus / 1e9).toFixed(9)] : []),
    ...(container.pidsLimit ? ['--pids-limit', String(container.pidsLimit)] : []),
    ...container.env.flatMap((entry) => ['--env', entry]),
    // The CLI takes one entrypoint word; the rest go before the command, which the engine runs the same way.
    ...(container.entrypoint.length ? ['--entrypoint', container.entrypoint[0]] : []),
  ];
}

function commandOf(container: ContainerRecipe): string[] {
  return [container.image, ...container.entrypoint.slice(1), ...container.cmd];
}

/** The NameNode's and ResourceManager's URLs at the sandboxes' bridge IPs, how many workers they should count, and every health endpoint. */
async function hadoopTargets(recipe: ClusterRecipe, network: string, sandboxName: (node: NodeRecipe) => string) {
  const inspected = JSON.parse(await docker(['inspect', ...recipe.nodes.map(sandboxName)])) as Inspected[];
  const ipOf = (node: NodeRecipe) => inspected[recipe.nodes.indexOf(node)].NetworkSettings.Networks[network]?.IPAddress;
  const url = (component: string, path: string) => {
    const node = recipe.nodes.find((candidate) => candidate.components.some((c) => c.component === component));
    const port = node?.components.find((c) => c.component === component)?.port;
    if (!node || !port || !ipOf(node)) throw new Error(`baseline: no ${component} with a port and an address in the recipe`);
    return `http://${ipOf(node)}:${port}${path}`;
  };
  const count = (component: string) => recipe.nodes.flatMap((node) => node.components).filter((c) => c.component === component).length;
  const health = recipe.nodes.flatMap((node) => node.components.filter((c) => c.port && c.healthPath).map((c) => `http://${ipOf(node)}:${c.port}${c.healthPath}`));
  return {
    health,
    namenode: url('NAMENODE', `/jmx?qry=${encodeURIComponent('Hadoop:service=NameNode,name=FSNamesystemState')}`),
    resourcemanager: url('RESOURCEMANAGER', '/ws/v1/cluster/metrics'),
    datanodes: count('DATANODE'),
    nodemanagers: count('NODEMANAGER'),
  };
}

