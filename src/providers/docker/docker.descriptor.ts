import { HERD_REASON, type InstanceType, type JsonSchema, type ProviderDescriptor } from '../spi';
import { NETWORK_DRIVERS, type NetworkDriverSetting } from './docker.network';

export const PULL_POLICIES = ['never', 'ifNotPresent', 'always'] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

/** A credential's parameters: one Docker endpoint, reached over a unix socket or TCP (optionally TLS). */
export interface DockerParameters {
  socketPath?: string;
  host?: string;
  port?: number;
  tls?: { ca?: string; cert?: string; key?: string };
  /** `never` (default): images must already be on the engine; herd never asks it to pull. */
  pullPolicy?: PullPolicy;
  /** `auto` (default): overlay on a classic Swarm manager, bridge on a single engine. */
  networkDriver?: NetworkDriverSetting;
}

const pem = { type: 'string', minLength: 1, maxLength: 65536 };

export const DOCKER_CREDENTIAL_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    socketPath: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^/', 'x-herd-endpoint': true, description: 'Absolute path of the engine\'s unix socket, e.g. /var/run/docker.sock' },
    host: { type: 'string', minLength: 1, maxLength: 253, 'x-herd-endpoint': true, description: 'Engine host name or IP address for a TCP endpoint' },
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Engine TCP port (default 2376 with TLS, 2375 without)' },
    tls: {
      type: 'object',
      additionalProperties: false,
      description: 'TLS for a TCP endpoint: the CA that signed the engine\'s certificate and the client certificate and key',
      dependentRequired: { cert: ['key'], key: ['cert'] },
      properties: {
        ca: { ...pem, description: 'PEM CA certificate' },
        cert: { ...pem, description: 'PEM client certificate' },
        key: { ...pem, 'x-secret': true, description: 'PEM client private key (secret)' },
      },
    },
    pullPolicy: {
      type: 'string',
      enum: [...PULL_POLICIES],
      default: 'never',
      description: 'never: images must already be on the engine; ifNotPresent: pull a missing image; always: pull before every launch',
    },
    networkDriver: {
      type: 'string',
      enum: [...NETWORK_DRIVERS],
      default: 'auto',
      description: 'Driver of the per-cluster network. auto: overlay when the endpoint is a classic Swarm manager (containers on several engines), bridge on a single engine',
    },
  },
  // Exactly one endpoint: a unix socket, or a TCP host (whose port and TLS make no sense for a socket).
  oneOf: [{ required: ['socketPath'] }, { required: ['host'] }],
  dependentRequired: { port: ['host'], tls: ['host'] },
};

/** Pids limit per component container; CPU and memory are the node's budget, split over its components. */
export interface DockerInstanceType extends InstanceType {
  pidsLimit: number;
}

export const DOCKER_INSTANCE_TYPES: DockerInstanceType[] = [
  { name: 'small', cpus: 1, memoryMb: 1024, pidsLimit: 512, description: '1 CPU, 1 GiB per node: sized Hadoop daemons get their own budget, the rest share what is left' },
  { name: 'medium', cpus: 2, memoryMb: 4096, pidsLimit: 1024, description: '2 CPUs, 4 GiB per node: sized Hadoop daemons get their own budget, the rest share what is left' },
  { name: 'large', cpus: 4, memoryMb: 8192, pidsLimit: 2048, description: '4 CPUs, 8 GiB per node: sized Hadoop daemons get their own budget, the rest share what is left' },
  { name: 'xlarge', cpus: 8, memoryMb: 16384, pidsLimit: 4096, description: '8 CPUs, 16 GiB per node: sized Hadoop daemons get their own budget, the rest share what is left' },
];

export const DEFAULT_RESTART_RETRIES = 3;
const MAX_RESTART_RETRIES = 100;
const imageReference = { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._\\-/:@]{0,254}$', [HERD_REASON]: 'must be an image reference such as repo/name:tag' };
const onOff = { type: 'boolean', [HERD_REASON]: 'must be true or false' };

/** What a host group may ask of Docker, option by option; also the `docker` options of a host group on Magnum. */
export const DOCKER_OPTION_PROPERTIES: Record<string, JsonSchema> = {
  image: {
    description: 'One image for every component of the group ("repo/name:tag"), or one per component name ({"NAMENODE": "repo/nn:tag"}); default: the stack catalog\'s',
    if: { type: 'string' },
    then: imageReference,
    else: { type: 'object', additionalProperties: imageReference, [HERD_REASON]: 'must be an image reference or an object mapping component names to image references' },
  },
  publishPorts: { ...onOff, default: false, description: 'Publish every component port on 127.0.0.1 (a free host port), e.g. to open web UIs' },
  volumes: {
    type: 'array',
    default: [],
    [HERD_REASON]: 'must be a list of {name, target, readOnly?}',
    description: 'Named Docker volumes, one per node and name, mounted in every component container of the node',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'target'],
      [HERD_REASON]: 'must be an object {name, target, readOnly?}',
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', [HERD_REASON]: 'must be 1-63 lowercase letters, digits, _ . -' },
        target: { type: 'string', pattern: '^/', not: { pattern: '\\.\\.' }, [HERD_REASON]: 'must be an absolute path inside the container' },
        readOnly: { ...onOff, default: false },
      },
    },
  },
  sandboxImage: { ...imageReference, description: 'Image of the node\'s sandbox container; default: the first component\'s image' },
  restartRetries: {
    type: 'integer',
    minimum: 0,
    maximum: MAX_RESTART_RETRIES,
    default: DEFAULT_RESTART_RETRIES,
    [HERD_REASON]: `must be an integer from 0 to ${MAX_RESTART_RETRIES}`,
    description: 'How often the engine restarts a component that exits with an error; 0 turns restarts off',
  },
};

export const DOCKER_HOST_GROUP_OPTIONS_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: DOCKER_OPTION_PROPERTIES,
};

export const DOCKER_DESCRIPTOR: ProviderDescriptor = {
  kind: 'docker',
  variant: 'default',
  displayName: 'Docker Engine',
  description:
    'Each node is a group of containers on a per-cluster bridge network, one per Hadoop component, sharing the node\'s network namespace. ' +
    'Exposes Docker\'s own features: resource limits, health checks, restart policy, volumes, published web UIs and the logs of a failed component.',
  capabilities: {
    stopStart: true,
    scale: true,
    containerOptions: true,
    antiAffinity: false,
    multiTenancy: 'per-credential',
    bareMetal: false,
    healthReporting: 'pull',
    declarative: false,
    nodeCommands: true,
  },
  credentialSchema: DOCKER_CREDENTIAL_SCHEMA,
  instanceTypes: DOCKER_INSTANCE_TYPES,
  hostGroupOptionsSchema: DOCKER_HOST_GROUP_OPTIONS_SCHEMA,
  defaultInstanceType: 'medium',
};

/** The endpoint a credential names, as a URL for the egress policy and for messages. */
export function dockerEndpoint(parameters: DockerParameters): { field: string; url: string } {
  if (parameters.socketPath) return { field: 'socketPath', url: `unix://${parameters.socketPath}` };
  const secure = Boolean(parameters.tls?.ca || parameters.tls?.cert || parameters.tls?.key);
  const port = parameters.port ?? (secure ? 2376 : 2375);
  return { field: 'host', url: `${secure ? 'https' : 'http'}://${parameters.host?.includes(':') ? `[${parameters.host}]` : parameters.host}:${port}` };
}
