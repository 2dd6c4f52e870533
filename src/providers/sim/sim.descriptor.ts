import type { InstanceType, JsonSchema, ProviderDescriptor } from '../spi';

export const SIM_CALL_KINDS = ['describe', 'launch', 'terminate', 'stop', 'start', 'teardown'] as const;
export type SimCallKind = (typeof SIM_CALL_KINDS)[number];

/** The sim's credential parameters: they steer its latency and the faults it injects. */
export interface SimParameters {
  /** Mean latency added to every backend call. */
  latencyMs?: number;
  /** Uniform jitter (+/-) around the mean. */
  latencyJitterMs?: number;
  /** Probability (0..1) that a call of that kind fails with a retryable error. */
  transientFailureRate?: Partial<Record<SimCallKind, number>>;
  /** Nodes of this credential's tenant that may exist at once; launching beyond fails with QuotaExceeded. */
  nodeQuota?: number;
  /** Host group names whose nodes run but never report healthy components. */
  unhealthyHostGroups?: string[];
  /** Single nodes, as `<host group>-<index>` (e.g. `worker-1`), that run but never report healthy components. */
  unhealthyNodes?: string[];
  /** Simulates a revoked account: every call fails with AuthFailed. */
  rejectCredential?: boolean;
  /** An opaque account token, stored encrypted like any provider secret. */
  accessToken?: string;
}

const rate = { type: 'number', minimum: 0, maximum: 1 };

export const SIM_CREDENTIAL_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: { type: 'integer', minimum: 0, maximum: 60000, default: 0, description: 'Mean latency added to every simulated backend call' },
    latencyJitterMs: { type: 'integer', minimum: 0, maximum: 60000, default: 0, description: 'Uniform jitter around the mean latency' },
    transientFailureRate: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(SIM_CALL_KINDS.map((kind) => [kind, rate])),
      description: 'Probability per call kind of a retryable failure',
    },
    nodeQuota: { type: 'integer', minimum: 0, maximum: 1000000, description: 'Launching beyond this many nodes fails with QuotaExceeded' },
    unhealthyHostGroups: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 100, description: 'Host groups whose nodes never become healthy' },
    unhealthyNodes: {
      type: 'array',
      items: { type: 'string', pattern: '^.{1,64}-[0-9]{1,6}$' },
      maxItems: 1000,
      description: 'Single nodes, as <host group>-<index> (e.g. worker-1), that never become healthy',
    },
    rejectCredential: { type: 'boolean', default: false, description: 'Every call fails with AuthFailed, as with a revoked account' },
    accessToken: { type: 'string', maxLength: 4096, 'x-secret': true, description: 'Opaque account token (secret)' },
  },
};

export const SIM_INSTANCE_TYPES: InstanceType[] = [
  { name: 'small', cpus: 1, memoryMb: 2048 },
  { name: 'medium', cpus: 2, memoryMb: 4096 },
  { name: 'large', cpus: 4, memoryMb: 8192 },
  { name: 'xlarge', cpus: 8, memoryMb: 16384 },
];

/** The sim's nodes are records, not machines: nothing about them can be chosen per host group. */
export const SIM_HOST_GROUP_OPTIONS_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {},
};

export const SIM_DESCRIPTOR: ProviderDescriptor = {
  kind: 'sim',
  variant: 'default',
  displayName: 'Simulator',
  description: 'In-process simulated hosts with Hadoop-shaped health endpoints, latency and fault injection. State lives in Redis, so it survives worker restarts.',
  capabilities: {
    stopStart: true,
    scale: true,
    containerOptions: false,
    antiAffinity: false,
    multiTenancy: 'per-credential',
    bareMetal: false,
    healthReporting: 'pull',
    declarative: false,
  },
  credentialSchema: SIM_CREDENTIAL_SCHEMA,
  instanceTypes: SIM_INSTANCE_TYPES,
  hostGroupOptionsSchema: SIM_HOST_GROUP_OPTIONS_SCHEMA,
  defaultInstanceType: 'medium',
};
