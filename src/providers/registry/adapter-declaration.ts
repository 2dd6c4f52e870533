import { HostGroupOptionsSchema, type ProviderAdapter, type ProviderCapabilities } from '../spi';
import { CredentialSchema } from './credential-schema';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

const CAPABILITY_CHOICES: { [K in keyof ProviderCapabilities]-?: readonly (string | boolean | undefined)[] } = {
  stopStart: [true, false],
  scale: [true, false],
  containerOptions: [true, false],
  antiAffinity: [true, false],
  multiTenancy: ['none', 'per-credential', 'keystone-projects'],
  bareMetal: [true, false],
  healthReporting: ['pull', 'push'],
  declarative: [true, false],
  nodeCommands: [true, false, undefined],
};

/** An adapter that passed every boot check, with its compiled credential schema. */
export interface CheckedAdapter {
  adapter: ProviderAdapter;
  schema: CredentialSchema;
}

/**
 * Checks what can be checked without a credential: names, capabilities, credential schema,
 * instance types, host group options schema and default instance type. Whether the connection's
 * facets match the capabilities is checked on every connect (see `ProviderRegistry.connect`),
 * since a connection only exists for a credential.
 */
export function checkDeclaration(candidate: unknown, source: string): { checked?: CheckedAdapter; problems: string[] } {
  const problems: string[] = [];
  if (typeof candidate !== 'object' || candidate === null) return { problems: [`${source}: an adapter must be an object with "descriptor" and "connect"`] };
  const adapter = candidate as Partial<ProviderAdapter>;
  if (typeof adapter.connect !== 'function') problems.push(`${source}: "connect" must be a function`);
  const descriptor = adapter.descriptor as unknown as Record<string, unknown> | undefined;
  if (typeof descriptor !== 'object' || descriptor === null) return { problems: [...problems, `${source}: "descriptor" is missing`] };
  const label = `${source} (${String(descriptor.kind)}/${String(descriptor.variant)})`;
  for (const field of ['kind', 'variant'] as const) {
    if (typeof descriptor[field] !== 'string' || !NAME.test(descriptor[field] as string)) problems.push(`${label}: descriptor.${field} must be 1-32 lower-case letters, digits or "-", starting with a letter`);
  }
  for (const field of ['displayName', 'description'] as const) {
    const value = descriptor[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > 500) problems.push(`${label}: descriptor.${field} must be a non-empty text of at most 500 characters`);
  }
  problems.push(...capabilityProblems(descriptor.capabilities).map((problem) => `${label}: ${problem}`));
  problems.push(...instanceTypeProblems(descriptor.instanceTypes).map((problem) => `${label}: ${problem}`));
  problems.push(...hostGroupProblems(descriptor).map((problem) => `${label}: ${problem}`));
  let schema: CredentialSchema | undefined;
  try {
    schema = CredentialSchema.compile(descriptor.credentialSchema as Record<string, unknown>);
  } catch (error) {
    problems.push(`${label}: ${(error as Error).message}`);
  }
  if (problems.length > 0 || !schema) return { problems };
  return { checked: { adapter: adapter as ProviderAdapter, schema }, problems };
}

function capabilityProblems(capabilities: unknown): string[] {
  if (typeof capabilities !== 'object' || capabilities === null) return ['descriptor.capabilities is missing'];
  const problems: string[] = [];
  for (const [name, choices] of Object.entries(CAPABILITY_CHOICES)) {
    const value = (capabilities as Record<string, unknown>)[name];
    if (!choices.includes(value as string | boolean)) problems.push(`descriptor.capabilities.${name} must be one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')} (got ${JSON.stringify(value)})`);
  }
  for (const name of Object.keys(capabilities)) {
    if (!(name in CAPABILITY_CHOICES)) problems.push(`descriptor.capabilities.${name} is not a capability herd knows`);
  }
  return problems;
}

function instanceTypeProblems(instanceTypes: unknown): string[] {
  if (!Array.isArray(instanceTypes) || instanceTypes.length === 0) return ['descriptor.instanceTypes must list at least one instance type'];
  const problems: string[] = [];
  const seen = new Set<string>();
  instanceTypes.forEach((type: Record<string, unknown>, index) => {
    const at = `descriptor.instanceTypes[${index}]`;
    if (typeof type?.name !== 'string' || type.name === '') problems.push(`${at}.name must be a non-empty string`);
    else if (seen.has(type.name)) problems.push(`${at}.name "${type.name}" is listed twice`);
    else seen.add(type.name);
    for (const field of ['cpus', 'memoryMb']) {
      if (typeof type?.[field] !== 'number' || !((type[field] as number) > 0)) problems.push(`${at}.${field} must be a positive number`);
    }
  });
  return problems;
}

/** The host group options schema compiles (so the API can check requests against it); the default instance type is offered. */
function hostGroupProblems(descriptor: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (descriptor.hostGroupOptionsSchema !== undefined) {
    try {
      HostGroupOptionsSchema.of(descriptor.hostGroupOptionsSchema as Record<string, unknown>);
    } catch (error) {
      problems.push(`descriptor.${(error as Error).message}`);
    }
  }
  const fallback = descriptor.defaultInstanceType;
  if (fallback !== undefined) {
    const offered = Array.isArray(descriptor.instanceTypes) ? descriptor.instanceTypes.map((type: { name?: unknown }) => type?.name) : [];
    if (typeof fallback !== 'string' || !offered.includes(fallback)) problems.push(`descriptor.defaultInstanceType must be one of descriptor.instanceTypes (got ${JSON.stringify(fallback)})`);
  }
  return problems;
}
