import { Injectable } from '@nestjs/common';
import type { ClusterSpec, CommandFacet, ObservedNode } from '../../../providers/spi';
import { OperationFailure, type OperationRun } from '../operation-run';
import { sleep } from '../../../common/scheduling';
import { endpointOf, fetchHadoopJson, liveNodesByHost, NAMENODE_INFO } from '../../observation';
import { siteProperty } from './site-properties';

const POLL_MS = 2_000;
/** How long YARN lets running containers finish on a node it decommissions gracefully. */
const YARN_GRACE_SECONDS = 300;
const OUTPUT_TAIL_CHARS = 600;
/** HDFS's own default when the NameNode's hdfs-site does not set dfs.replication. */
const DEFAULT_REPLICATION = 3;

/** One Hadoop service that can let its workers go: HDFS (DataNodes) or YARN (NodeManagers). */
interface Service {
  name: string;
  master: string;
  member: string;
  /** Where the master reads the hosts to decommission: file and property of its site config. */
  excludeProperty: { file: string; key: string };
  refresh: (graceful: boolean) => string[];
  /** The hosts among `hosts` that still serve, read from the master's endpoint; undefined when it does not answer. */
  stillServing: (endpoint: string, hosts: string[]) => Promise<string[] | undefined>;
  workers: string;
}

const HDFS: Service = {
  name: 'HDFS',
  master: 'NAMENODE',
  member: 'DATANODE',
  excludeProperty: { file: 'hdfs-site.xml', key: 'dfs.hosts.exclude' },
  refresh: () => ['hdfs', 'dfsadmin', '-refreshNodes'],
  // A DataNode is done once the NameNode calls it Decommissioned (its blocks live elsewhere), or no longer lists it.
  stillServing: async (endpoint, hosts) => {
    const live = liveNodesByHost(await fetchHadoopJson(endpoint + NAMENODE_INFO));
    return live && hosts.filter((host) => live.has(host) && live.get(host) !== 'Decommissioned');
  },
  workers: 'DataNodes',
};

const YARN: Service = {
  name: 'YARN',
  master: 'RESOURCEMANAGER',
  member: 'NODEMANAGER',
  excludeProperty: { file: 'yarn-site.xml', key: 'yarn.resourcemanager.nodes.exclude-path' },
  // Graceful: the ResourceManager sends no new containers and waits for running ones (up to the grace time).
  refresh: (graceful) => ['yarn', 'rmadmin', '-refreshNodes', ...(graceful ? ['-g', String(YARN_GRACE_SECONDS), '-server'] : [])],
  stillServing: async (endpoint, hosts) => {
    const body = (await fetchHadoopJson(`${endpoint}/ws/v1/cluster/nodes?states=NEW,RUNNING,UNHEALTHY,DECOMMISSIONING`)) as { nodes?: { node?: { nodeHostName?: string }[] } | null } | undefined;
    if (!body || body.nodes === undefined) return undefined;
    const serving = new Set((body.nodes?.node ?? []).map((node) => node.nodeHostName));
    return hosts.filter((host) => serving.has(host));
  },
  workers: 'NodeManagers',
};

/**
 * Lets workers leave the way Hadoop's own docs say: their hosts go into the master's exclude file,
 * the master re-reads it (`refreshNodes`), and herd waits until HDFS has copied the DataNodes'
 * blocks elsewhere (DECOMMISSIONED) and YARN has let the NodeManagers' containers finish. Needs an
 * adapter that can run commands in nodes; without one the workers are removed as they are.
 */
@Injectable()
export class HadoopDecommissioner {
  /**
   * Before `leaving` are terminated: both services decommission them, side by side. `commands` is
   * the connection's facet as the reconciler calls providers (bounded, retried, errors explained).
   */
  async drain(run: OperationRun, commands: CommandFacet | undefined, leaving: ObservedNode[], kept: ObservedNode[]): Promise<void> {
    const services = [HDFS, YARN].map((service) => ({ service, hosts: membersOf(run.spec, leaving, service.member) })).filter(({ hosts }) => hosts.length > 0);
    if (services.length === 0) return;
    if (!commands) {
      await run.report.event('warning', `${run.provider.kind}/${run.provider.variant} cannot run commands in nodes: removing ${leaving.map((node) => node.name).join(', ')} without decommissioning`);
      return;
    }
    try {
      await Promise.all(services.map(({ service, hosts }) => this.decommission(run, commands, service, hosts, kept)));
    } catch (error) {
      // The scale fails and the cluster keeps its old size: its workers must serve again.
      await this.release(run, commands, [...kept, ...leaving]).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Empties the exclude files once the workers are gone, so a node that later comes back under
   * the same name is welcome again. Reads the files first: nothing to do costs no admin command.
   */
  async release(run: OperationRun, commands: CommandFacet | undefined, kept: ObservedNode[]): Promise<void> {
    if (!commands) return;
    await Promise.all(
      [HDFS, YARN].map(async (service) => {
        const master = runningMaster(kept, service.master);
        const path = excludePath(run.spec, service);
        if (!master || !path) return;
        const listed = await commands.run(run.spec, master, service.master, ['cat', path]);
        if (listed.exitCode !== 0 || listed.output.trim() === '') return;
        await this.admin(run, commands, master, service, ['sh', '-c', ': > "$0"', path], `empty ${path}`);
        await this.admin(run, commands, master, service, service.refresh(false), 'refresh its nodes');
      }),
    );
  }

  private async decommission(run: OperationRun, commands: CommandFacet, service: Service, hosts: string[], kept: ObservedNode[]): Promise<void> {
    const master = runningMaster(kept, service.master);
    const path = excludePath(run.spec, service);
    const endpoint = endpointOf(kept, service.master);
    if (!master || !path || !endpoint) {
      const why = !master ? `no running ${service.master}` : !path ? `${service.excludeProperty.key} is not set` : `no endpoint for ${service.master}`;
      await run.report.event('warning', `${service.name}: ${why}; removing ${hosts.join(', ')} without decommissioning`);
      return;
    }
    if (service === HDFS) assertEnoughDataNodes(run.spec, kept, hosts.length, await this.runningReplication(run, commands, master));
    await run.report.step(`Decommissioning ${service.workers} on ${hosts.join(', ')}`, 0, { service: service.name, nodes: hosts });
    await this.admin(run, commands, master, service, ['sh', '-c', 'printf "%s\\n" "$@" > "$0"', path, ...hosts], `write ${path}`);
    await this.admin(run, commands, master, service, service.refresh(true), 'refresh its nodes');
    for (let left = hosts; ; ) {
      await run.report.throwIfCancelled();
      const serving = await service.stillServing(endpoint, hosts);
      if (serving) left = serving;
      if (left.length === 0) {
        await run.report.event('step', `${service.workers} decommissioned: ${hosts.join(', ')}`, { service: service.name, nodes: hosts });
        return;
      }
      if (Date.now() > run.deadline) {
        throw new OperationFailure(`Timed out decommissioning ${service.workers} on ${left.join(', ')}`, `Look at the ${service.master}'s web UI for what keeps them; retry the scale when they are done`);
      }
      await run.report.progress(0, `Decommissioning ${service.workers}: ${hosts.length - left.length} of ${hosts.length} done`);
      await sleep(POLL_MS);
    }
  }

  /** The dfs.replication the running NameNode was started with: the desired spec renders it for the new size. */
  private async runningReplication(run: OperationRun, commands: CommandFacet, master: ObservedNode): Promise<number> {
    const path = masterFile(run.spec, 'NAMENODE', 'hdfs-site.xml')?.path;
    const site = path ? await commands.run(run.spec, master, 'NAMENODE', ['cat', path]) : undefined;
    const value = site?.exitCode === 0 ? siteProperty(site.output, 'dfs.replication') : undefined;
    return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : DEFAULT_REPLICATION;
  }

  private async admin(run: OperationRun, commands: CommandFacet, master: ObservedNode, service: Service, command: string[], doing: string): Promise<void> {
    const result = await commands.run(run.spec, master, service.master, command);
    if (result.exitCode === 0) return;
    const output = result.output.trim().slice(-OUTPUT_TAIL_CHARS);
    throw new OperationFailure(`The ${service.master} on ${master.name} could not ${doing} (exit code ${result.exitCode}): ${output}`, 'Check the master, then retry the scale');
  }
}

/** Names of the nodes among `nodes` whose host group runs `component` and where it runs. */
function membersOf(spec: ClusterSpec, nodes: ObservedNode[], component: string): string[] {
  const groups = new Set(spec.hostGroups.filter((group) => group.components.some((c) => c.name === component)).map((group) => group.name));
  return nodes.filter((node) => groups.has(node.hostGroup) && node.components.some((c) => c.name === component && c.status === 'running')).map((node) => node.name);
}

function runningMaster(nodes: ObservedNode[], component: string): ObservedNode | undefined {
  return nodes.find((node) => node.status === 'RUNNING' && node.components.some((c) => c.name === component && c.status === 'running'));
}

/** The exclude file the master was configured with, read from its rendered site file. */
function excludePath(spec: ClusterSpec, service: Service): string | undefined {
  return masterProperty(spec, service.master, service.excludeProperty.file, service.excludeProperty.key);
}

function masterProperty(spec: ClusterSpec, master: string, file: string, key: string): string | undefined {
  const site = masterFile(spec, master, file);
  return site ? siteProperty(site.content, key) : undefined;
}

function masterFile(spec: ClusterSpec, master: string, file: string): { path: string; content: string } | undefined {
  const component = spec.hostGroups.flatMap((group) => group.components).find((c) => c.name === master);
  return component?.configFiles.find((config) => config.path.endsWith(`/${file}`));
}

/** HDFS cannot finish decommissioning while a block needs more replicas than DataNodes are left. */
function assertEnoughDataNodes(spec: ClusterSpec, kept: ObservedNode[], leaving: number, replication: number): void {
  const left = membersOf(spec, kept, 'DATANODE').length;
  if (left < replication) {
    throw new OperationFailure(
      `Cannot decommission ${leaving} DataNode${leaving === 1 ? '' : 's'}: ${left} would be left, fewer than dfs.replication (${replication}), so HDFS could not re-replicate their blocks`,
      'Keep at least dfs.replication DataNodes, or lower hdfs-site dfs.replication in the blueprint',
    );
  }
}
