import { readFileSync } from 'node:fs';
import Ajv, { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../config/config';
import { parseCardinality, CARDINALITY_SYNTAX } from './cardinality';
import type { ComponentDefinition, ProcessDefinition, StackDefinition } from './stack.types';

const NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' };
const REF = { type: 'object', additionalProperties: false, required: ['name', 'version'], properties: { name: NAME, version: NAME } };
const PORT = { type: 'integer', minimum: 1, maximum: 65535 };
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string', maxLength: 65536 } };

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['stacks'],
  properties: {
    stacks: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'version'],
        properties: {
          name: NAME,
          version: NAME,
          extends: REF,
          description: { type: 'string', maxLength: 500 },
          aliases: { type: 'array', items: REF, maxItems: 50 },
          defaults: { type: 'object', additionalProperties: STRING_MAP },
          components: {
            type: 'object',
            propertyNames: { pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: {
                service: NAME,
                category: { enum: ['master', 'worker', 'client'] },
                cardinality: { type: 'string' },
                startOrder: { type: 'integer', minimum: 0, maximum: 10000 },
                autoDeploy: { type: 'boolean' },
                dependencies: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['component', 'scope'],
                    properties: { component: { type: 'string' }, scope: { enum: ['cluster', 'host'] }, when: { enum: ['hdfs-ha', 'yarn-ha'] } },
                  },
                },
                process: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    image: { type: 'string', minLength: 1, maxLength: 512 },
                    command: { type: 'array', items: { type: 'string' }, minItems: 1 },
                    ports: {
                      type: 'array',
                      items: { type: 'object', additionalProperties: false, required: ['name', 'port', 'protocol'], properties: { name: NAME, port: PORT, protocol: { enum: ['tcp', 'udp'] } } },
                    },
                    health: { type: 'object', additionalProperties: false, required: ['port', 'path'], properties: { port: PORT, path: { type: 'string', pattern: '^/' } } },
                    env: STRING_MAP,
                    configFiles: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['type', 'path', 'format'],
                        properties: { type: NAME, path: { type: 'string', pattern: '^/' }, format: { enum: ['hadoop-xml', 'properties'] } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

interface FileStack {
  name: string;
  version: string;
  extends?: { name: string; version: string };
  description?: string;
  aliases?: { name: string; version: string }[];
  defaults?: Record<string, Record<string, string>>;
  components?: Record<string, Partial<Omit<ComponentDefinition, 'process' | 'name'>> & { process?: Partial<ProcessDefinition> }>;
}

const validateFile = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

/**
 * Reads HERD_STACKS_FILE (JSON or YAML) and folds its stacks into the built-in ones. A stack naming
 * an existing name and version, or `extends`, starts from that stack and overrides what it lists.
 * Any problem stops boot with every problem's path.
 */
export function loadStacksFile(path: string, builtIn: StackDefinition[]): StackDefinition[] {
  const fail = (problems: string[]): never => {
    throw new ConfigError(problems.map((problem) => `HERD_STACKS_FILE (${path}): ${problem}`));
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail([`cannot be read: ${(error as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    return fail([`is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}`]);
  }
  if (!validateFile(parsed)) return fail((validateFile.errors ?? []).map(describeSchemaError));
  const { stacks, problems } = mergeStacks((parsed as { stacks: FileStack[] }).stacks, builtIn);
  if (problems.length > 0) fail(problems);
  return stacks;
}

export function mergeStacks(fileStacks: FileStack[], builtIn: StackDefinition[]): { stacks: StackDefinition[]; problems: string[] } {
  const stacks = builtIn.map((stack) => structuredClone(stack));
  const problems: string[] = [];
  const find = (name: string, version: string) => stacks.find((s) => s.name.toUpperCase() === name.toUpperCase() && s.version === version);
  fileStacks.forEach((entry, i) => {
    const at = `stacks[${i}]`;
    const existing = find(entry.name, entry.version);
    const base = entry.extends ? find(entry.extends.name, entry.extends.version) : existing;
    if (entry.extends && !base) {
      problems.push(`${at}.extends: no stack ${entry.extends.name} ${entry.extends.version} is defined before this one`);
      return;
    }
    const stack: StackDefinition = base
      ? { ...structuredClone(base), name: entry.name, version: entry.version, aliases: base === existing ? base.aliases : [] }
      : { name: entry.name, version: entry.version, description: '', aliases: [], components: {}, defaults: {} };
    if (entry.description !== undefined) stack.description = entry.description;
    if (entry.aliases) stack.aliases = [...stack.aliases, ...entry.aliases];
    for (const [type, properties] of Object.entries(entry.defaults ?? {})) stack.defaults[type] = { ...(stack.defaults[type] ?? {}), ...properties };
    for (const [name, override] of Object.entries(entry.components ?? {})) {
      const merged = mergeComponent(name, stack.components[name], override, `${at}.components.${name}`, problems);
      if (merged) stack.components[name] = merged;
    }
    for (const component of Object.values(stack.components)) {
      component.dependencies.forEach((dependency, d) => {
        if (!stack.components[dependency.component]) problems.push(`${at}.components.${component.name}.dependencies[${d}].component: ${dependency.component} is not a component of this stack`);
      });
    }
    if (existing && existing !== base) problems.push(`${at}: ${entry.name} ${entry.version} is already defined; drop "extends" to change it in place`);
    if (existing) stacks.splice(stacks.indexOf(existing), 1, stack);
    else stacks.push(stack);
  });
  return { stacks, problems };
}

function mergeComponent(name: string, base: ComponentDefinition | undefined, override: NonNullable<FileStack['components']>[string], at: string, problems: string[]): ComponentDefinition | undefined {
  const { process: processOverride, ...fields } = override;
  const merged = { ...(base ?? { name, dependencies: [], startOrder: 100 }), ...fields, name } as ComponentDefinition;
  for (const required of ['service', 'category', 'cardinality'] as const) {
    if (merged[required] === undefined) problems.push(`${at}.${required}: is required for a component the stack does not define yet`);
  }
  if (merged.cardinality !== undefined && !parseCardinality(merged.cardinality)) problems.push(`${at}.cardinality: must be ${CARDINALITY_SYNTAX}`);
  if (processOverride) {
    const process = { env: {}, ports: [], configFiles: [], ...(base?.process ?? {}), ...processOverride } as ProcessDefinition;
    if (!process.image) problems.push(`${at}.process.image: is required when the component has no process yet`);
    if (!process.command) problems.push(`${at}.process.command: is required when the component has no process yet`);
    merged.process = process;
  }
  return merged;
}

function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), '');
  const where = path || '(top level)';
  if (error.keyword === 'additionalProperties') return `${where}: "${(error.params as { additionalProperty: string }).additionalProperty}" is not a known field`;
  if (error.keyword === 'required') return `${where}.${(error.params as { missingProperty: string }).missingProperty}: is required`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'propertyNames') return `${where}: component names must be upper case Ambari names such as NAMENODE`;
  return `${where}: ${error.message}`;
}
