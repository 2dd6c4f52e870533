import type Docker from 'dockerode';
import { ConflictError, FatalProviderError, NotFoundError, RetryableProviderError, type ApplyHooks, type ClusterSpec, type HostGroupSpec, type NodeSpec } from '../spi';
import { tarArchive } from './docker.archive';
import type { DockerClient } from './docker.client';
import { forEachBounded, sleep } from '../../common/scheduling';
import { ensureImages } from './docker.images';
import { componentCreateOptions, sandboxCreateOptions } from './docker.containers';
import { DOCKER_INSTANCE_TYPES, type PullPolicy } from './docker.descriptor';
import { LABEL, clusterFilter, clusterLabels, networkName, nodeLabels, volumeName } from './docker.labels';
import type { NetworkDriver } from './docker.network';
import { checkHostGroup, componentImage, sandboxImage, type DockerHostGroupOptions } from './docker.options';

const NODE_CONCURRENCY = 4;
/** How long a create racing ours may take before the container it reserved can be inspected. */
const RACING_CREATE_MS = 60_000;

export interface StartStep {
  id: string;
  /** The container's name, to find it again when a racing apply's create replaced the id. */
  name: string;
  order: number;
}

interface GroupPlan {
  group: HostGroupSpec;
  options: DockerHostGroupOptions;
}

/** Makes launched nodes real: network, volumes, sandbox, then component containers; every step looks before it creates. */
export class NodeLauncher {
  constructor(
    private readonly client: DockerClient,
    private readonly pullPolicy: PullPolicy,
    private readonly networkDriver: () => Promise<NetworkDriver>,
  ) {}

  async launch(cluster: ClusterSpec, nodes: NodeSpec[], hooks: ApplyHooks): Promise<void> {
    if (!nodes.length) return;
    const groups = planGroups(cluster, nodes);
    await ensureImages(this.client, this.pullPolicy, nodes.flatMap((node) => imagesOf(groups.get(node.hostGroup)!)), hooks);
    const networkId = await this.ensureNetwork(cluster, hooks);
    const existing = new Map((await this.client.listContainers(clusterFilter(cluster))).map((container) => [containerName(container), container]));
    const steps: StartStep[] = [];
    await forEachBounded(nodes, NODE_CONCURRENCY, async (node) => {
      steps.push(...(await this.createNode(cluster, node, groups.get(node.hostGroup)!, { networkId, existing }, hooks)));
    });
    await startInOrder(steps, (step) => this.start(step.name, step.id));
  }

  /**
   * The cluster's network id. The engine does not make network names unique under concurrent
   * creates, so after creating, every racer keeps the earliest-created network and removes its own
   * if it lost; containers then refer to the network by id.
   */
  private async ensureNetwork(cluster: ClusterSpec, hooks: ApplyHooks): Promise<string> {
    const name = networkName(cluster);
    const earliest = async () =>
      (await this.client.listNetworks(clusterFilter(cluster)))
        .filter((network) => network.Name === name)
        .sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id))[0];
    const found = await earliest();
    if (found) return found.Id;
    let id: string | undefined;
    try {
      const driver = await this.networkDriver();
      id = await this.client.createNetwork({ Name: name, Driver: driver, CheckDuplicate: true, Labels: clusterLabels(cluster) });
      await hooks.resourceCreated({ providerId: id, type: 'network' });
      hooks.progress?.(`created ${driver} network ${name}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const winner = await earliest();
    if (!winner) throw new ConflictError(`Network ${name} disappeared while it was being created`);
    if (id && winner.Id !== id) await this.client.removeNetwork(id);
    return winner.Id;
  }

  private async createNode(
    cluster: ClusterSpec,
    node: NodeSpec,
    plan: GroupPlan,
    engine: { networkId: string; existing: Map<string, Docker.ContainerInfo> },
    hooks: ApplyHooks,
  ): Promise<StartStep[]> {
    const { group, options } = plan;
    const { networkId, existing } = engine;
    const instanceType = DOCKER_INSTANCE_TYPES.find((type) => type.name === group.instanceType)!;
    for (const volume of options.volumes) {
      const name = volumeName(cluster, node, volume.name);
      if ((await this.client.listVolumes({ name: [name], label: [`${LABEL.cluster}=${cluster.tag}`] })).some((found) => found.Name === name)) continue;
      await this.client.createVolume(name, nodeLabels(cluster, node, 'node'));
      await hooks.resourceCreated({ node: node.name, providerId: name, type: 'volume' });
    }
    const sandboxOptions = sandboxCreateOptions(cluster, group, node, { options, image: sandboxImage(options, group)!, networkId });
    const created = await this.ensureContainer(cluster, sandboxOptions, existing, node, hooks);
    const sandboxId = await this.start(sandboxOptions.name!, created.id);

    const steps: StartStep[] = [];
    for (const component of group.components) {
      const createOptions = componentCreateOptions(cluster, group, node, component, {
        options,
        image: componentImage(options, component),
        sandboxId,
        instanceType,
      });
      const { id, neverStarted } = await this.ensureContainer(cluster, createOptions, existing, node, hooks);
      // Also for a container found unstarted: an earlier try may have died between create and copy.
      if (neverStarted && component.configFiles.length) await this.client.putArchive(id, '/', tarArchive(component.configFiles));
      steps.push({ id, name: createOptions.name!, order: component.startOrder });
    }
    return steps;
  }

  /** The container labelled for this cluster under that name, else a new one; `neverStarted` while it is only created. */
  private async ensureContainer(
    cluster: ClusterSpec,
    options: Docker.ContainerCreateOptions,
    existing: Map<string, Docker.ContainerInfo>,
    node: NodeSpec,
    hooks: ApplyHooks,
  ): Promise<{ id: string; neverStarted: boolean }> {
    const name = options.name!;
    const found = existing.get(name);
    if (found) return { id: found.Id, neverStarted: found.State === 'created' };
    try {
      const id = await this.client.createContainer(options);
      await hooks.resourceCreated({ node: node.name, providerId: id, type: 'container' });
      return { id, neverStarted: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Another worker made it between our list and our create: adopt it if it is ours.
      const other = await this.inspectSoon(name);
      if (other.Config.Labels?.[LABEL.cluster] !== cluster.tag) throw error;
      return { id: other.Id, neverStarted: other.State.Status === 'created' };
    }
  }

  /**
   * Starts the container and returns its id. An id adopted from a racing apply's create can vanish
   * on a loaded engine (its create failed after the name was reserved and the engine removed it):
   * then whatever now holds the name is started, or the apply is to be retried when nothing does.
   */
  private async start(name: string, id: string): Promise<string> {
    try {
      await this.client.startContainer(id);
      return id;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    let holder: Docker.ContainerInspectInfo;
    try {
      holder = await this.inspectSoon(name);
    } catch (error) {
      if (error instanceof NotFoundError) throw new RetryableProviderError(`Container ${name} vanished while another apply created it; apply again`, error.backendMessage);
      throw error;
    }
    await this.client.startContainer(holder.Id);
    return holder.Id;
  }

  /**
   * The engine reserves a name before the container it names can be inspected; on a loaded host
   * the other create may take many seconds to finish, so the wait is as long as a create may take.
   */
  private async inspectSoon(name: string): Promise<Docker.ContainerInspectInfo> {
    const deadline = Date.now() + RACING_CREATE_MS;
    for (;;) {
      try {
        return await this.client.inspectContainer(name);
      } catch (error) {
        if (!(error instanceof NotFoundError) || Date.now() > deadline) throw error;
        await sleep(250);
      }
    }
  }
}

/** Starts containers group by group in ascending start order (ZooKeeper, NameNode, DataNodes, ...). */
export async function startInOrder(steps: StartStep[], start: (step: StartStep) => Promise<unknown>): Promise<void> {
  const startOne = async (step: StartStep) => void (await start(step));
  const orders = [...new Set(steps.map((step) => step.order))].sort((a, b) => a - b);
  for (const order of orders) {
    await forEachBounded(
      steps.filter((step) => step.order === order),
      NODE_CONCURRENCY * 2,
      startOne,
    );
  }
}

/** Classic Swarm lists names as `/<node>/<name>`; a container name itself never holds a slash. */
export function containerName(container: Docker.ContainerInfo): string {
  return (container.Names[0] ?? '').split('/').pop() ?? '';
}

function planGroups(cluster: ClusterSpec, nodes: NodeSpec[]): Map<string, GroupPlan> {
  const plans = new Map<string, GroupPlan>();
  for (const hostGroup of new Set(nodes.map((node) => node.hostGroup))) {
    const index = cluster.hostGroups.findIndex((group) => group.name === hostGroup);
    const group = cluster.hostGroups[index];
    if (!group) throw new FatalProviderError(`Host group ${hostGroup} is not in the cluster spec`);
    const { value, problems } = checkHostGroup(group, index);
    if (problems.length) throw new FatalProviderError(`Invalid host group ${hostGroup}: ${problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ')}`);
    plans.set(hostGroup, { group, options: value });
  }
  return plans;
}

function imagesOf(plan: GroupPlan): string[] {
  return [sandboxImage(plan.options, plan.group)!, ...plan.group.components.map((component) => componentImage(plan.options, component))];
}
