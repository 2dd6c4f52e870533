import type { FieldProblem } from '../../common/errors';
import { allowsCount, Cardinality, type ComponentDefinition, describeCardinality, heapSettingProblems, parseCardinality, type StackDefinition } from '../stacks';
import type { BlueprintLayout, BlueprintShape } from './blueprint.model';

type HostGroups = Pick<BlueprintShape, 'hostGroups'>;
import { pathOf } from './blueprint-document';

const MAX_NODES_PER_HOST_GROUP = 1000;

/** Host counts per component for some sizing of the host groups. */
class Placement {
  readonly counts = new Map<string, number>();
  constructor(
    readonly layout: HostGroups,
    readonly sizeOf: (groupIndex: number) => number,
  ) {
    layout.hostGroups.forEach((group, i) => {
      for (const component of group.components) this.counts.set(component, (this.counts.get(component) ?? 0) + sizeOf(i));
    });
  }
  count(component: string): number {
    return this.counts.get(component) ?? 0;
  }
  has(component: string): boolean {
    return this.layout.hostGroups.some((group) => group.components.includes(component));
  }
  groupsWith(component: string): string[] {
    return this.layout.hostGroups.filter((group) => group.components.includes(component)).map((group) => group.name);
  }
  get hdfsHa(): boolean {
    return this.count('NAMENODE') >= 2;
  }
  get yarnHa(): boolean {
    return this.count('RESOURCEMANAGER') >= 2;
  }
}

/**
 * Checks a blueprint's layout against its stack, before any size is known: every component known,
 * no component placed on more hosts than it allows even with each host group at its smallest,
 * every service's required components present, and every dependency satisfied.
 */
export function checkBlueprintAgainstStack(layout: BlueprintLayout, stack: StackDefinition, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const groupsPath = pathOf(prefix, 'host_groups');
  const stackLabel = `${layout.stack.name} ${layout.stack.version}`;
  layout.hostGroups.forEach((group, i) =>
    group.components.forEach((name, j) => {
      if (!Object.hasOwn(stack.components, name)) {
        problems.push({ field: `${groupsPath}[${i}].components[${j}].name`, reason: `${name} is not a component of stack ${stackLabel}; GET /v1/stacks lists the known ones` });
      }
    }),
  );
  if (problems.length > 0) return problems;

  // A host group has at least its declared minimum of hosts, or one when it declares none.
  const atLeast = new Placement(layout, (i) => parseCardinality(layout.hostGroups[i]!.cardinality)?.min ?? 1);
  const componentPath = (component: string): string => {
    const i = layout.hostGroups.findIndex((group) => group.components.includes(component));
    return `${groupsPath}[${i}].components[${layout.hostGroups[i]!.components.indexOf(component)}].name`;
  };

  for (const [name, definition] of used(layout, stack)) {
    const cardinality = parseCardinality(definition.cardinality)!;
    if (cardinality.max !== undefined && atLeast.count(name) > cardinality.max) {
      problems.push({
        field: componentPath(name),
        reason: `${name} may run on ${describeCardinality(cardinality)} hosts (cardinality ${cardinality.text}), but host groups ${atLeast.groupsWith(name).join(', ')} give it at least ${atLeast.count(name)}`,
      });
    }
  }
  for (const definition of requiredButMissing(layout, stack, atLeast)) {
    problems.push({
      field: groupsPath,
      reason: `the blueprint uses ${definition.service} but no host group has ${definition.name} (cardinality ${definition.cardinality})`,
    });
  }
  for (const definition of Object.values(stack.components)) {
    if (!parseCardinality(definition.cardinality)?.all || definition.autoDeploy || !atLeast.has(definition.name)) continue;
    layout.hostGroups.forEach((group, i) => {
      if (!group.components.includes(definition.name)) problems.push({ field: `${groupsPath}[${i}].components`, reason: `must include ${definition.name}, whose cardinality is ALL` });
    });
  }
  layout.hostGroups.forEach((group, i) =>
    group.components.forEach((name, j) => {
      for (const reason of unmetDependencies(stack.components[name]!, atLeast, group.components)) problems.push({ field: `${groupsPath}[${i}].components[${j}].name`, reason });
    }),
  );
  if (atLeast.hdfsHa && atLeast.has('SECONDARY_NAMENODE')) {
    problems.push({ field: componentPath('SECONDARY_NAMENODE'), reason: 'SECONDARY_NAMENODE cannot run beside two NameNodes: in HA the standby NameNode takes the checkpoints' });
  }
  return problems;
}

/**
 * Checks the Ambari heap settings (`hadoop-env/namenode_heapsize` ...) of the blueprint's cluster
 * and host-group configurations, so that a bad one is refused on import rather than when a node is sized.
 */
export function checkHeapSettings(layout: Pick<BlueprintLayout, 'configurations' | 'hostGroups'>, prefix = ''): FieldProblem[] {
  const under = (path: string) => (type: string, property: string) => pathOf(pathOf(path, type), property);
  return [
    ...heapSettingProblems(layout.configurations, under(pathOf(prefix, 'configurations'))),
    ...layout.hostGroups.flatMap((group, i) => heapSettingProblems(group.configurations, under(pathOf(pathOf(pathOf(prefix, 'host_groups'), i), 'configurations')))),
  ];
}

/**
 * Checks the node counts a cluster asks for against its blueprint (Ambari's semantics: a
 * component's count is the number of hosts running it across all host groups). `field` is where
 * the sizes sit in the caller's request, e.g. `hostGroups`.
 */
export function checkHostGroupSizes(layout: HostGroups, stack: StackDefinition, sizes: unknown, field = 'hostGroups'): FieldProblem[] {
  if (typeof sizes !== 'object' || sizes === null || Array.isArray(sizes)) {
    return [{ field, reason: `must map every host group of the blueprint (${layout.hostGroups.map((g) => g.name).join(', ')}) to a node count` }];
  }
  const given = sizes as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const names = layout.hostGroups.map((group) => group.name);
  for (const key of Object.keys(given)) {
    if (!names.includes(key)) problems.push({ field: pathOf(field, key), reason: `is not a host group of the blueprint; its host groups are ${names.join(', ')}` });
  }
  for (const name of names) {
    const value = given[name];
    if (value === undefined) problems.push({ field: pathOf(field, name), reason: 'is required: every host group of the blueprint needs a node count' });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_NODES_PER_HOST_GROUP) {
      problems.push({ field: pathOf(field, name), reason: `must be a whole number of nodes from 0 to ${MAX_NODES_PER_HOST_GROUP}` });
    }
  }
  if (problems.length > 0) return problems;

  const placement = new Placement(layout, (i) => given[layout.hostGroups[i]!.name] as number);
  const blame = (component: string): string => pathOf(field, placement.groupsWith(component)[0] ?? names[0]!);
  const spread = (component: string): string =>
    placement
      .groupsWith(component)
      .map((group) => `${group}: ${given[group]}`)
      .join(', ');

  for (const [name, definition] of used(layout, stack)) {
    const cardinality = parseCardinality(definition.cardinality)!;
    const count = placement.count(name);
    if (!allowsCount(cardinality, count)) {
      problems.push({ field: blame(name), reason: `${name} would run on ${count} host${count === 1 ? '' : 's'} (${spread(name)}), but its cardinality ${cardinality.text} allows ${describeCardinality(cardinality)}` });
    }
  }
  if (problems.length > 0) return problems;
  for (const [name, definition] of used(layout, stack)) {
    if (placement.count(name) === 0) continue;
    for (const dependency of applicable(definition, placement)) {
      // A dependency missing from the blueprint altogether was refused when the blueprint was created.
      if (dependency.scope === 'cluster' && placement.has(dependency.component) && placement.count(dependency.component) === 0) {
        problems.push({ field: blame(name), reason: `${name} runs on ${placement.count(name)} host(s) but ${dependency.component}, which it needs, on none (${spread(dependency.component)})` });
      }
    }
  }
  // Quorum advice only makes sense once the counts themselves are allowed.
  return problems.length > 0 ? problems : quorumProblems(placement, blame, stack);
}

function quorumProblems(placement: Placement, blame: (component: string) => string, stack: StackDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const oddQuorum = (component: string, why: string) => {
    if (!Object.hasOwn(stack.components, component)) return;
    const count = placement.count(component);
    if (count < 3 || count % 2 === 0) problems.push({ field: blame(component), reason: `${why} needs an odd number of at least 3 ${component}s to keep a quorum; this cluster would have ${count}` });
  };
  if (placement.hdfsHa) {
    oddQuorum('JOURNALNODE', 'NameNode HA');
    oddQuorum('ZOOKEEPER_SERVER', 'NameNode HA with automatic failover');
  } else if (placement.yarnHa) {
    oddQuorum('ZOOKEEPER_SERVER', 'ResourceManager HA');
  }
  return problems;
}

function used(layout: HostGroups, stack: StackDefinition): [string, ComponentDefinition][] {
  const names = new Set(layout.hostGroups.flatMap((group) => group.components));
  // A stack file edited since the blueprint was stored may have dropped a component; checks skip it.
  return [...names].filter((name) => Object.hasOwn(stack.components, name)).map((name) => [name, stack.components[name]!]);
}

/** Components a used service needs (minimum above zero) that no host group has. */
function requiredButMissing(layout: HostGroups, stack: StackDefinition, placement: Placement): ComponentDefinition[] {
  const services = new Set(used(layout, stack).map(([, definition]) => definition.service));
  return Object.values(stack.components).filter((definition) => {
    const cardinality = parseCardinality(definition.cardinality) as Cardinality;
    return services.has(definition.service) && !cardinality.all && cardinality.min > 0 && !placement.has(definition.name);
  });
}

function applicable(definition: ComponentDefinition, placement: Placement) {
  return definition.dependencies.filter((d) => d.when === undefined || (d.when === 'hdfs-ha' ? placement.hdfsHa : placement.yarnHa));
}

function unmetDependencies(definition: ComponentDefinition, placement: Placement, sameGroup: string[]): string[] {
  const reasons: string[] = [];
  for (const dependency of applicable(definition, placement)) {
    const context = dependency.when === 'hdfs-ha' ? ' with two NameNodes (HA)' : dependency.when === 'yarn-ha' ? ' with two ResourceManagers (HA)' : '';
    if (dependency.scope === 'host' && !sameGroup.includes(dependency.component)) reasons.push(`${definition.name}${context} needs ${dependency.component} in the same host group`);
    if (dependency.scope === 'cluster' && !placement.has(dependency.component)) reasons.push(`${definition.name}${context} needs ${dependency.component} somewhere in the blueprint`);
  }
  return reasons;
}
