import type Docker from 'dockerode';
import {
  ConflictError,
  NotFoundError,
  ProviderError,
  type ApplyHooks,
  type ApplyPlan,
  type ClusterSpec,
  type CommandFacet,
  type CommandResult,
  type ObservedNode,
  type PowerFacet,
  type PreflightProblem,
  type ProviderConnection,
  type VerifyResult,
} from '../spi';
import type { DockerClient } from './docker.client';
import { forEachBounded, sleep } from '../../common/scheduling';
import type { PullPolicy } from './docker.descriptor';
import { LABEL, clusterFilter, networkName, nodeFilter } from './docker.labels';
import { containerName, NodeLauncher, startInOrder } from './docker.launch';
import { probeComponents, type HealthProbe } from './docker.health';
import { failedComponentContainers, mapNodes } from './docker.mapper';
import { networkDriverFor, type NetworkDriver, type NetworkDriverSetting } from './docker.network';
import { checkHostGroup, componentImage, sandboxImage } from './docker.options';

const REMOVE_CONCURRENCY = 8;
const STOP_TIMEOUT_SECONDS = 10;
const LOG_LINES = 20;
/** How far back a failure's cause is looked for: a Java stack trace buries it under its frames. */
const CAUSE_LOOKBACK_LINES = 300;
const CAUSE_LINES = 3;
const COMMAND_TIMEOUT_MS = 120_000;
const REASON_MAX_CHARS = 2000;

/** The Docker adapter bound to one engine endpoint. */
export class DockerConnection implements ProviderConnection {
  readonly power: PowerFacet = {
    stop: (cluster, nodes) => this.stop(cluster, nodes),
    start: (cluster, nodes) => this.start(cluster, nodes),
  };
  readonly commands: CommandFacet = {
    run: (cluster, node, component, command) => this.runCommand(cluster, node.name, component, command),
  };
  private readonly launcher: NodeLauncher;
  private networkDriver?: Promise<NetworkDriver>;

  constructor(
    private readonly client: DockerClient,
    private readonly pullPolicy: PullPolicy,
    networkDriver: NetworkDriverSetting = 'auto',
  ) {
    this.launcher = new NodeLauncher(client, pullPolicy, () => {
      // Asked once per connection; a failed question is asked again next time.
      this.networkDriver ??= networkDriverFor(networkDriver, () => client.info()).catch((error) => {
        this.networkDriver = undefined;
        throw error;
      });
      return this.networkDriver;
    });
  }

  async verify(): Promise<VerifyResult> {
    try {
      const engine = await this.client.version();
      return { ok: true, message: `Docker Engine ${engine.version} (API ${engine.apiVersion}) reachable at ${this.client.endpoint}` };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ok: false, message: `${error.message} at ${this.client.endpoint}: ${error.backendMessage ?? ''}`.trim() };
    }
  }

  async prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]> {
    const problems: PreflightProblem[] = [];
    const images = new Map<string, string>();
    cluster.hostGroups.forEach((group, i) => {
      const checked = checkHostGroup(group, i);
      problems.push(...checked.problems);
      group.components.forEach((component, j) => {
        const image = componentImage(checked.value, component);
        if (!images.has(image)) images.set(image, `hostGroups[${i}].components[${j}].image`);
      });
      const sandbox = sandboxImage(checked.value, group);
      if (sandbox && !images.has(sandbox)) images.set(sandbox, `hostGroups[${i}].options.sandboxImage`);
    });
    if (this.pullPolicy !== 'never') return problems;
    for (const [image, field] of images) {
      if (!(await this.client.hasImage(image))) {
        problems.push({ field, reason: `image ${image} is not on the Docker engine and the pull policy is never` });
      }
    }
    return problems;
  }

  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    const containers = await this.client.listContainers(clusterFilter(cluster));
    const network = networkName(cluster);
    const probes = await probeComponents(this.client, containers, network);
    const reasons = new Map<string, string>();
    await forEachBounded(failedComponentContainers(containers, probes), 4, async (container) => {
      reasons.set(container.Id, await this.failureReason(container, probes.get(container.Id)));
    });
    return mapNodes(containers, {
      network,
      reasons,
      probes,
      expectedComponents: new Map(cluster.hostGroups.map((group) => [group.name, group.components.map((component) => component.name)])),
    });
  }

  async apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    await this.launcher.launch(cluster, plan.launch, hooks);
    await forEachBounded(plan.terminate, 4, (node) => this.removeNode(cluster, node.name));
  }

  async teardown(cluster: ClusterSpec): Promise<void> {
    // Twice: a launch racing the teardown may add a container after the first listing.
    for (let pass = 0; pass < 2; pass += 1) {
      await this.removeContainers(await this.client.listContainers(clusterFilter(cluster)));
    }
    for (const network of await this.client.listNetworks(clusterFilter(cluster))) {
      await this.removeNetwork(network.Id);
    }
    for (const volume of await this.client.listVolumes(clusterFilter(cluster))) {
      await this.client.removeVolume(volume.Name);
    }
  }

  private async runCommand(cluster: ClusterSpec, node: string, component: string, command: string[]): Promise<CommandResult> {
    const [container] = (await this.client.listContainers(nodeFilter(cluster, node))).filter(
      (candidate) => candidate.Labels[LABEL.component] === component && candidate.State === 'running',
    );
    if (!container) throw new NotFoundError(`No running ${component} container on node ${node}`);
    return this.client.exec(container.Id, command, COMMAND_TIMEOUT_MS);
  }

  private async removeNode(cluster: ClusterSpec, node: string): Promise<void> {
    await this.removeContainers(await this.client.listContainers(nodeFilter(cluster, node)));
    for (const volume of await this.client.listVolumes(nodeFilter(cluster, node))) {
      await this.client.removeVolume(volume.Name);
    }
  }

  /** Components first, so no container is left pointing at a removed sandbox's namespace. */
  private async removeContainers(containers: Docker.ContainerInfo[]): Promise<void> {
    const remove = (container: Docker.ContainerInfo) => this.client.removeContainer(container.Id);
    await forEachBounded(containers.filter((container) => container.Labels[LABEL.role] !== 'node'), REMOVE_CONCURRENCY, remove);
    await forEachBounded(containers.filter((container) => container.Labels[LABEL.role] === 'node'), REMOVE_CONCURRENCY, remove);
  }

  /** The engine may still be detaching endpoints of containers just removed. */
  private async removeNetwork(id: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.removeNetwork(id);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 5) throw error;
        await sleep(200 * attempt);
      }
    }
  }

  private async stop(cluster: ClusterSpec, nodes: ObservedNode[]): Promise<void> {
    await forEachBounded(nodes, 4, async (node) => {
      const containers = await this.client.listContainers(nodeFilter(cluster, node.name));
      const stop = (container: Docker.ContainerInfo) => this.client.stopContainer(container.Id, STOP_TIMEOUT_SECONDS);
      await forEachBounded(containers.filter((container) => container.Labels[LABEL.role] === 'component'), REMOVE_CONCURRENCY, stop);
      await forEachBounded(containers.filter((container) => container.Labels[LABEL.role] === 'node'), 1, stop);
    });
  }

  /** Sandboxes first (they own the network namespaces), then components in start order. */
  private async start(cluster: ClusterSpec, nodes: ObservedNode[]): Promise<void> {
    const containers: Docker.ContainerInfo[] = [];
    await forEachBounded(nodes, 4, async (node) => {
      containers.push(...(await this.client.listContainers(nodeFilter(cluster, node.name))));
    });
    await forEachBounded(containers.filter((container) => container.Labels[LABEL.role] === 'node'), REMOVE_CONCURRENCY, (container) =>
      this.client.startContainer(container.Id),
    );
    await startInOrder(
      containers
        .filter((container) => container.Labels[LABEL.role] === 'component')
        .map((container) => ({ id: container.Id, name: containerName(container), order: Number(container.Labels[LABEL.startOrder] ?? 0) })),
      (step) => this.client.startContainer(step.id),
    );
  }

  /** Exit code or health output, then the component's last log lines: what the user needs to see why. */
  private async failureReason(container: Docker.ContainerInfo, probe: HealthProbe | undefined): Promise<string> {
    try {
      const details = await this.client.inspectContainer(container.Id);
      const state = details.State;
      const silent = state.Running && probe && !probe.answering ? probe.reason : undefined;
      const health = state.Running && state.Health?.Status === 'unhealthy' ? state.Health.Log?.at(-1)?.Output?.trim() : undefined;
      const summary =
        silent !== undefined
          ? `health endpoint silent: ${silent}`
          : health !== undefined
          ? `health check failing${health ? `: ${health}` : ''}`
          : state.Running || state.Restarting
            ? `crashing repeatedly: restarted ${details.RestartCount} times`
            : `${state.Status} with exit code ${state.ExitCode}${state.Error ? ` (${state.Error})` : ''} after ${details.RestartCount} restarts`;
      const lines = (await this.client.logTail(container.Id, CAUSE_LOOKBACK_LINES)).trim().split('\n');
      const logs = lines.slice(-LOG_LINES).join('\n').trim();
      if (!logs) return summary;
      const causes = errorLines(lines.slice(0, -LOG_LINES));
      // The summary and the cause always fit; the log tail gives way from its oldest line.
      const head = `${summary}; ${causes.length ? `cause: ${causes.join('\n').slice(0, REASON_MAX_CHARS / 2)}\n` : ''}last log lines:\n`;
      const room = Math.max(0, REASON_MAX_CHARS - head.length);
      return head + (logs.length > room ? `...${logs.slice(-room)}` : logs);
    } catch (error) {
      if (error instanceof ProviderError) return container.Status;
      throw error;
    }
  }
}

/** The last distinct exception lines of a log ("java.lang.NumberFormatException: ...", "Caused by: ..."). */
export function errorLines(lines: string[]): string[] {
  const found = lines.map((line) => line.trim()).filter((line) => /^Caused by: |^[\w.$]+(Exception|Error)(: |$)|\s(ERROR|FATAL)\s/.test(line));
  return [...new Set(found)].slice(-CAUSE_LINES);
}
