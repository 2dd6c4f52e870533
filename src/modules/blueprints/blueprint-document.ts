import type { FieldProblem } from '../../common/errors';
import { CARDINALITY_SYNTAX, type ConfigurationMap, parseCardinality } from '../stacks';
import type { BlueprintHostGroup, BlueprintLayout } from './blueprint.model';

const MAX_HOST_GROUPS = 100;
const MAX_COMPONENTS = 200;
const HOST_GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const COMPONENT_NAME = /^[A-Za-z0-9_]{1,64}$/;
const STACK_FIELD = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

type Json = Record<string, unknown>;
/** JSON.parse makes these ordinary keys; used as keys of plain objects they would reach Object.prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a.b`, `a[0]`, or `a["dfs.replication"]` for keys that would read ambiguously. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  if (parent === '') return segment.startsWith('"') ? `[${segment}]` : segment;
  return segment.startsWith('"') ? `${parent}[${segment}]` : `${parent}.${segment}`;
}

/**
 * Reads the layout out of an Ambari blueprint document and reports every structural problem with
 * its path (under `prefix`). Unknown keys (settings, Blueprints.security, provision_action ...) are
 * kept in the document and ignored here, as Ambari does.
 */
export function readBlueprintDocument(document: unknown, prefix = ''): { layout?: BlueprintLayout; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (key: string | number, parent = prefix) => pathOf(parent, key);
  if (!isObject(document)) return { problems: [{ field: prefix || 'body', reason: 'must be a JSON object (an Ambari blueprint)' }] };

  const header = document.Blueprints;
  const stack = { name: '', version: '' };
  let blueprintName: string | undefined;
  if (!isObject(header)) {
    problems.push({ field: at('Blueprints'), reason: header === undefined ? 'is required: an object with stack_name and stack_version' : 'must be an object with stack_name and stack_version' });
  } else {
    const headerPath = at('Blueprints');
    for (const key of ['stack_name', 'stack_version'] as const) {
      const value = header[key];
      if (value === undefined || value === null || value === '') problems.push({ field: pathOf(headerPath, key), reason: 'is required' });
      else if (typeof value !== 'string') problems.push({ field: pathOf(headerPath, key), reason: `must be a string, such as ${key === 'stack_name' ? '"HDP"' : '"2.6"'}` });
      else if (!STACK_FIELD.test(value)) problems.push({ field: pathOf(headerPath, key), reason: 'must be 1-64 letters, digits, ".", "_" or "-"' });
      else stack[key === 'stack_name' ? 'name' : 'version'] = value;
    }
    if (header.blueprint_name !== undefined) {
      if (typeof header.blueprint_name !== 'string') problems.push({ field: pathOf(headerPath, 'blueprint_name'), reason: 'must be a string' });
      else blueprintName = header.blueprint_name;
    }
  }

  const configurations = readConfigurations(document.configurations, at('configurations'), problems);
  const hostGroups = readHostGroups(document.host_groups, at('host_groups'), problems);
  if (problems.length > 0) return { problems };
  return { layout: { stack, ...(blueprintName !== undefined ? { blueprintName } : {}), hostGroups, configurations }, problems };
}

function readHostGroups(raw: unknown, path: string, problems: FieldProblem[]): BlueprintHostGroup[] {
  const entries = nonEmptyList(raw, path, problems, { items: 'host groups', item: 'host group', max: MAX_HOST_GROUPS });
  // Node names are derived from host group names in lower case with "_" as "-", so those must not collide either.
  const seen = new Map<string, number>();
  return entries.map((entry, i): BlueprintHostGroup => {
    const groupPath = pathOf(path, i);
    const group: BlueprintHostGroup = { name: '', cardinality: null, components: [], configurations: {} };
    if (!isObject(entry)) {
      problems.push({ field: groupPath, reason: 'must be an object with name and components' });
      return group;
    }
    const name = entry.name;
    if (name === undefined || name === '') problems.push({ field: pathOf(groupPath, 'name'), reason: 'is required' });
    else if (typeof name !== 'string') problems.push({ field: pathOf(groupPath, 'name'), reason: 'must be a string' });
    else if (!HOST_GROUP_NAME.test(name)) problems.push({ field: pathOf(groupPath, 'name'), reason: 'must be 1-64 letters, digits, "_" or "-", starting with a letter or digit' });
    else {
      const key = name.toLowerCase().replace(/_/g, '-');
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push({ field: pathOf(groupPath, 'name'), reason: `duplicates host_groups[${earlier}].name (names must be unique, ignoring case and "_" versus "-")` });
      else seen.set(key, i);
      group.name = name;
    }
    if (entry.cardinality !== undefined && entry.cardinality !== null) {
      const parsed = parseCardinality(entry.cardinality);
      if (!parsed) problems.push({ field: pathOf(groupPath, 'cardinality'), reason: `must be ${CARDINALITY_SYNTAX}` });
      else group.cardinality = parsed.text;
    }
    group.components = readComponents(entry.components, pathOf(groupPath, 'components'), problems);
    group.configurations = readConfigurations(entry.configurations, pathOf(groupPath, 'configurations'), problems);
    return group;
  });
}

function readComponents(raw: unknown, path: string, problems: FieldProblem[]): string[] {
  const entries = nonEmptyList(raw, path, problems, { items: '{"name": "<COMPONENT>"}', item: 'component', max: MAX_COMPONENTS });
  const names: string[] = [];
  entries.forEach((entry, j) => {
    const componentPath = pathOf(path, j);
    if (!isObject(entry)) {
      problems.push({ field: componentPath, reason: 'must be an object such as {"name": "DATANODE"}' });
      return;
    }
    const name = entry.name;
    const namePath = pathOf(componentPath, 'name');
    if (name === undefined || name === '') problems.push({ field: namePath, reason: 'is required' });
    else if (typeof name !== 'string') problems.push({ field: namePath, reason: 'must be a string' });
    else if (!COMPONENT_NAME.test(name)) problems.push({ field: namePath, reason: 'must be an Ambari component name such as DATANODE' });
    else if (names.includes(name)) problems.push({ field: namePath, reason: `${name} appears twice in this host group` });
    else names.push(name);
  });
  return names;
}

/** The items of a required, non-empty, bounded list; none when the list itself is unusable. */
function nonEmptyList(raw: unknown, path: string, problems: FieldProblem[], what: { items: string; item: string; max: number }): unknown[] {
  if (raw === undefined) {
    problems.push({ field: path, reason: `is required: a non-empty list of ${what.items}` });
    return [];
  }
  if (!Array.isArray(raw)) {
    problems.push({ field: path, reason: `must be a list of ${what.items}` });
    return [];
  }
  if (raw.length === 0) problems.push({ field: path, reason: `must contain at least one ${what.item}` });
  if (raw.length > what.max) {
    problems.push({ field: path, reason: `must contain at most ${what.max} ${what.item}s` });
    return [];
  }
  return raw;
}

/**
 * Ambari writes configurations as a list of `{ "<type>": { "properties": {...}, "properties_attributes": {...} } }`
 * or `{ "<type>": { "<key>": "<value>" } }`; some tools write one object keyed by type. All become type -> properties.
 */
export function readConfigurations(raw: unknown, path: string, problems: FieldProblem[]): ConfigurationMap {
  const result: ConfigurationMap = {};
  if (raw === undefined || raw === null) return result;
  const entries: [Json, string][] = Array.isArray(raw) ? raw.map((entry, i) => [entry as Json, pathOf(path, i)]) : [[raw as Json, path]];
  for (const [entry, entryPath] of entries) {
    if (!isObject(entry)) {
      problems.push({ field: entryPath, reason: 'must be an object keyed by configuration type, such as {"hdfs-site": {"properties": {...}}}' });
      continue;
    }
    for (const [type, body] of Object.entries(entry)) {
      const typePath = pathOf(entryPath, type);
      if (FORBIDDEN_KEYS.has(type)) {
        problems.push({ field: typePath, reason: 'is not a configuration type' });
        continue;
      }
      if (!isObject(body)) {
        problems.push({ field: typePath, reason: 'must be an object of properties' });
        continue;
      }
      const structured = isObject(body.properties) || isObject(body.properties_attributes);
      const properties = structured ? (body.properties ?? {}) : body;
      const propertiesPath = structured ? pathOf(typePath, 'properties') : typePath;
      if (!isObject(properties)) {
        problems.push({ field: propertiesPath, reason: 'must be an object of properties' });
        continue;
      }
      const target = (result[type] ??= {});
      for (const [key, value] of Object.entries(properties)) {
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field: pathOf(propertiesPath, key), reason: 'is not a property name' });
        else if (typeof value === 'string') target[key] = value;
        else if (typeof value === 'number' || typeof value === 'boolean') target[key] = String(value);
        else problems.push({ field: pathOf(propertiesPath, key), reason: 'must be a string, number or boolean' });
      }
    }
  }
  return result;
}
