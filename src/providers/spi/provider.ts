import type { ProviderCapabilities } from './capabilities';
import type { ClusterSpec, NodeSpec } from './cluster-spec';
import type { ObservedNode } from './observed';

/** JSON Schema (draft 2020-12) for a credential's parameters; secret properties carry `"x-secret": true`. */
export type JsonSchema = Record<string, unknown>;

export interface InstanceType {
  name: string;
  cpus: number;
  memoryMb: number;
  description?: string;
}

export interface ProviderDescriptor {
  kind: string;
  /** `default` for a kind with a single variant. */
  variant: string;
  displayName: string;
  description: string;
  capabilities: ProviderCapabilities;
  credentialSchema: JsonSchema;
  instanceTypes: InstanceType[];
}

export interface VerifyResult {
  ok: boolean;
  /** In words a user understands, e.g. "Docker Engine 20.10.24 (API 1.41) reachable". */
  message: string;
}

export interface PreflightProblem {
  /** Where the problem is, e.g. `hostGroups[0].instanceType`. */
  field: string;
  reason: string;
}

export interface ApplyPlan {
  launch: NodeSpec[];
  terminate: ObservedNode[];
}

export interface ApplyHooks {
  /** Called as soon as the backend returns a resource id, so herd persists it before anything else. */
  resourceCreated(resource: { node?: string; providerId: string; type: string }): Promise<void>;
  /** Progress in the backend's own words (stack events, container pulls ...). */
  progress?(message: string): void;
}

/** Stop and start, for adapters whose capabilities say `stopStart`. */
export interface PowerFacet {
  stop(cluster: ClusterSpec, nodes: ObservedNode[]): Promise<void>;
  start(cluster: ClusterSpec, nodes: ObservedNode[]): Promise<void>;
}

/** How a command run inside a node ended, and what it printed (stdout and stderr interleaved). */
export interface CommandResult {
  exitCode: number;
  output: string;
}

/**
 * Commands run inside one component of a running node (a `docker exec`), for adapters whose
 * capabilities say `nodeCommands`: herd uses them for Hadoop's admin commands, such as
 * `hdfs dfsadmin -refreshNodes` when it decommissions DataNodes before a scale-down.
 */
export interface CommandFacet {
  run(cluster: ClusterSpec, node: ObservedNode, component: string, command: string[]): Promise<CommandResult>;
}

/** An adapter bound to one credential. Every call is idempotent. */
export interface ProviderConnection {
  verify(): Promise<VerifyResult>;
  /** Pre-flight checks before anything is made: flavor, image, quota, network. */
  prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]>;
  /** The truth: every node carrying the cluster's tag. */
  describe(cluster: ClusterSpec): Promise<ObservedNode[]>;
  /** Starts launching and terminating; returns without waiting for nodes to run (poll `describe`). */
  apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void>;
  power?: PowerFacet;
  commands?: CommandFacet;
  /** Removes everything carrying the cluster's tag, including resources herd never recorded. */
  teardown(cluster: ClusterSpec): Promise<void>;
  close?(): Promise<void>;
}

export interface ProviderAdapter {
  readonly descriptor: ProviderDescriptor;
  /** Binds the adapter to a credential's decrypted parameters (already schema-validated). */
  connect(parameters: Record<string, unknown>): ProviderConnection;
}

export function providerKey(kind: string, variant: string): string {
  return `${kind}/${variant}`;
}
