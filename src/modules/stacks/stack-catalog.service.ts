import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailed } from '../../common/errors';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import type { ComponentSpec } from '../../providers/spi';
import { configurationBeforeSizing, effectiveConfiguration } from './cluster-configuration';
import { renderConfigFile } from './config-file-rendering';
import { builtInStacks } from './hadoop-stacks';
import { DEFAULT_NODE_SIZE, memoryBudgetsMb, NodeSize, planNodeMemory } from './node-sizing';
import type { ClusterTopology, ComponentDefinition, ConfigurationMap, StackDefinition } from './stack.types';
import { loadStacksFile } from './stacks-file';

/** Field names to blame when a stack reference is wrong, e.g. `Blueprints.stack_name`. */
export interface StackFields {
  name: string;
  version: string;
}

/** The stacks herd can run: built in, plus those of HERD_STACKS_FILE (validated when herd boots). */
@Injectable()
export class StackCatalog {
  private readonly stacks: StackDefinition[];

  constructor(@Inject(HERD_CONFIG) config: Pick<HerdConfig, 'stacksFile'>) {
    const builtIn = builtInStacks();
    this.stacks = config.stacksFile ? loadStacksFile(config.stacksFile, builtIn) : builtIn;
  }

  list(): StackDefinition[] {
    return this.stacks;
  }

  /** The stack of that name and version, or of which it is an alias (names compare case-insensitively). */
  find(name: string, version: string): StackDefinition | undefined {
    const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
    return (
      this.stacks.find((stack) => same(stack.name, name) && stack.version === version) ??
      this.stacks.find((stack) => stack.aliases.some((alias) => same(alias.name, name) && alias.version === version))
    );
  }

  resolve(name: string, version: string, fields: StackFields = { name: 'stack.name', version: 'stack.version' }): StackDefinition {
    const stack = this.find(name, version);
    if (stack) return stack;
    const versions = this.versionsOf(name);
    if (versions.length === 0) {
      const names = [...new Set(this.stacks.flatMap((s) => [s.name, ...s.aliases.map((a) => a.name)]))];
      throw new ValidationFailed([{ field: fields.name, reason: `unknown stack "${name}"; known stacks: ${names.join(', ')}` }]);
    }
    throw new ValidationFailed([{ field: fields.version, reason: `stack ${name} has no version "${version}"; known versions: ${versions.join(', ')}` }]);
  }

  component(stack: StackDefinition, name: string): ComponentDefinition | undefined {
    return Object.hasOwn(stack.components, name) ? stack.components[name] : undefined;
  }

  /**
   * What an adapter runs on one node whose host group has these components: one container spec per
   * component herd runs, in start order, with config files rendered from the stack defaults and the
   * given configuration layers (cluster-wide first, then the host group's; later layers win).
   * Clients and components without a process (Ambari's own agents, metrics monitors ...) add none.
   * Hadoop daemons' heaps, YARN's memory and MapReduce's containers are sized for `node`
   * (DEFAULT_NODE_SIZE when not given) unless the layers set them (docs/hadoop-memory.md).
   */
  componentSpecs(
    stack: StackDefinition,
    componentNames: string[],
    configurations: ConfigurationMap | ConfigurationMap[] = [],
    topology?: ClusterTopology,
    node: NodeSize = DEFAULT_NODE_SIZE,
  ): ComponentSpec[] {
    const unknown = componentNames.filter((name) => !this.component(stack, name));
    if (unknown.length > 0) {
      throw new ValidationFailed(unknown.map((name) => ({ field: 'components', reason: `${name} is not a component of stack ${stack.name} ${stack.version}` })));
    }
    const layers = Array.isArray(configurations) ? configurations : [configurations];
    const running = [...new Set(componentNames)]
      .map((name) => stack.components[name]!)
      .filter((component) => component.process !== undefined)
      .sort((a, b) => a.startOrder - b.startOrder || a.name.localeCompare(b.name));
    const plan = planNodeMemory(
      node,
      running.map((component) => component.name),
      configurationBeforeSizing(stack, layers, topology),
      stack.taskJvmOptions,
    );
    const config = effectiveConfiguration(stack, layers, topology, plan.properties);
    const budgets = memoryBudgetsMb(plan, config);
    return running.map(({ name, startOrder, process }) => ({
      name,
      image: process!.image,
      command: [...process!.command],
      ports: process!.ports.map((port) => ({ ...port })),
      ...(process!.health ? { health: { ...process!.health } } : {}),
      env: { ...process!.env, ...(plan.heapsMb[name] !== undefined ? { HADOOP_HEAPSIZE_MAX: `${plan.heapsMb[name]}m` } : {}) },
      configFiles: process!.configFiles.map((file) => ({ path: file.path, content: renderConfigFile(file.format, config[file.type] ?? {}) })),
      ...(budgets[name] !== undefined ? { memoryMb: budgets[name] } : {}),
      startOrder,
    }));
  }

  private versionsOf(name: string): string[] {
    const upper = name.toUpperCase();
    return this.stacks.flatMap((stack) => [
      ...(stack.name.toUpperCase() === upper ? [stack.version] : []),
      ...stack.aliases.filter((alias) => alias.name.toUpperCase() === upper).map((alias) => alias.version),
    ]);
  }
}
