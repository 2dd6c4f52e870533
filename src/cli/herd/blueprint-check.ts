import type { Schemas } from '../../../clients/typescript/src';

type Stack = Schemas['StackDto'];

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface BlueprintCheck {
  problems: FieldProblem[];
  /** The catalog stack it would run on, when it names one herd has. */
  stack?: Stack;
  hostGroups: number;
}

/**
 * Checks a blueprint file against herd's stack catalog without saving it: the stack exists (by
 * name or alias) and every component of every host group belongs to it. herd checks more when the
 * blueprint is imported (cardinalities, dependencies); this catches the common mistakes offline
 * of any write, since herd has no dry-run route for blueprints.
 */
export function checkBlueprint(document: unknown, stacks: Stack[]): BlueprintCheck {
  const ambari = ambariForm(document);
  if (!ambari) return { problems: [{ field: 'ambariBlueprint', reason: 'is not an Ambari blueprint: neither the Ambari form (Blueprints, host_groups) nor the Cloudbreak form (name, ambariBlueprint)' }], hostGroups: 0 };
  const problems: FieldProblem[] = [];
  const header = record(ambari.Blueprints);
  const name = header?.stack_name;
  const version = header?.stack_version;
  if (typeof name !== 'string') problems.push({ field: 'Blueprints.stack_name', reason: 'is required' });
  if (typeof version !== 'string') problems.push({ field: 'Blueprints.stack_version', reason: 'is required' });
  const stack = typeof name === 'string' && typeof version === 'string' ? findStack(stacks, name, version) : undefined;
  if (typeof name === 'string' && typeof version === 'string' && !stack) {
    problems.push({ field: 'Blueprints.stack_name', reason: `${name} ${version} is not in the stack catalog (${stacks.map((known) => `${known.name} ${known.version}`).join(', ')})` });
  }
  const groups = ambari.host_groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    problems.push({ field: 'host_groups', reason: 'must list at least one host group' });
    return { problems, ...(stack ? { stack } : {}), hostGroups: 0 };
  }
  const known = new Set(stack?.components.map((component) => component.name));
  const seen = new Set<string>();
  groups.forEach((group: unknown, index) => {
    const fields = record(group);
    if (typeof fields?.name !== 'string' || fields.name.length === 0) problems.push({ field: `host_groups[${index}].name`, reason: 'is required' });
    else if (seen.has(fields.name)) problems.push({ field: `host_groups[${index}].name`, reason: `repeats host group ${fields.name}` });
    else seen.add(fields.name);
    const components = fields?.components;
    if (!Array.isArray(components) || components.length === 0) {
      problems.push({ field: `host_groups[${index}].components`, reason: 'must list at least one component' });
      return;
    }
    components.forEach((component: unknown, at) => {
      const componentName = record(component)?.name;
      if (typeof componentName !== 'string') problems.push({ field: `host_groups[${index}].components[${at}].name`, reason: 'is required' });
      else if (stack && !known.has(componentName)) problems.push({ field: `host_groups[${index}].components[${at}].name`, reason: `is not a component of stack ${name} ${version}` });
    });
  });
  return { problems, ...(stack ? { stack } : {}), hostGroups: groups.length };
}

function findStack(stacks: Stack[], name: string, version: string): Stack | undefined {
  const same = (ref: { name: string; version: string }) => ref.name.toUpperCase() === name.toUpperCase() && ref.version === version;
  return stacks.find((stack) => same(stack) || stack.aliases.some(same));
}

/** The Ambari document, from either form herd accepts (Cloudbreak's may carry it as JSON text or base64 of it). */
function ambariForm(document: unknown): Record<string, unknown> | undefined {
  const fields = record(document);
  if (!fields) return undefined;
  if (!('ambariBlueprint' in fields)) return 'Blueprints' in fields || 'host_groups' in fields ? fields : undefined;
  const inner = fields.ambariBlueprint;
  if (typeof inner !== 'string') return record(inner);
  for (const text of [inner, Buffer.from(inner, 'base64').toString('utf8')]) {
    try {
      return record(JSON.parse(text));
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
