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
  /**
   * JSON Schema (draft 2020-12) of one host group's `options`, `type: 'object'`; the API refuses a
   * request whose options it refuses. `x-herd-reason` on a (sub)schema words the refusal. Absent:
   * any object, which the adapter's pre-flight checks.
   */
  hostGroupOptionsSchema?: JsonSchema;
  /** The instance type of a host group that names none; one of `instanceTypes`. */
  defaultInstanceType?: string;
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

/** The backend's own operation on a declarative cluster's one resource, while it is under way. */
export interface BackendOperation {
  /** In the backend's words, e.g. `stack herd-1a2b3c4d UPDATE_IN_PROGRESS`. */
  status: string;
  /** The latest thing the backend said about it (Heat's last stack event), when there is more than the status. */
  detail?: string;
}

/**
 * An adapter bound to one credential. Every call is idempotent, and every call is short: it asks
 * the backend for something and returns once the backend has answered. Waiting for the result is
 * herd's job (it polls `describe`), never the adapter's, since herd bounds the calls in flight per
 * provider and a call that waits holds one of those slots.
 */
export interface ProviderConnection {
  verify(): Promise<VerifyResult>;
  /** Pre-flight checks before anything is made: flavor, image, quota, network. */
  prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]>;
  /** The truth: every node carrying the cluster's tag. */
  describe(cluster: ClusterSpec): Promise<ObservedNode[]>;
  /**
   * Starts launching and terminating, and returns once the backend has accepted the work: it waits
   * neither for nodes to run nor for a backend operation (a stack update) to end. `describe` shows
   * the progress: a node the backend is still working on is not RUNNING, and a failed backend
   * operation shows as nodes in ERROR with the backend's reason. A `declarative` adapter gets the
   * whole plan of a converge step in one call, and no call while `operationInProgress` says its
   * last operation is still under way.
   */
  apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void>;
  /**
   * For `declarative` adapters: the backend's operation still under way on the cluster's one
   * resource (a stack create, update or delete; a COE cluster create or resize), or undefined once
   * it has ended, completed or failed (a failure shows in `describe`). herd observes instead of
   * applying while there is one, so one backend operation runs at a time per cluster.
   */
  operationInProgress?(cluster: ClusterSpec): Promise<BackendOperation | undefined>;
  power?: PowerFacet;
  commands?: CommandFacet;
  /**
   * Starts removing everything carrying the cluster's tag, including resources herd never recorded,
   * and returns without waiting for it to go. Afterwards `describe` shows what is still being
   * removed as TERMINATING and reaches empty; a node it shows otherwise (ERROR: the removal failed)
   * makes herd call `teardown` again. A call while a removal is under way, or for a cluster that is
   * gone or never existed, succeeds and starts nothing twice.
   */
  teardown(cluster: ClusterSpec): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Checks an address the backend handed out, not the credential (a service catalog endpoint, a COE's
 * API address), against herd's egress policy. Resolves when herd may connect there; otherwise
 * rejects with a non-retryable ProviderError naming `what`, the address and the setting that
 * refuses it. Call it before the first request to the address.
 */
export type EgressAssertion = (url: string, what: string) => Promise<void>;

/** What herd hands an adapter with each connect. */
export interface ConnectContext {
  assertEgress: EgressAssertion;
}

export interface ProviderAdapter {
  readonly descriptor: ProviderDescriptor;
  /**
   * Binds the adapter to a credential's decrypted parameters (already schema-validated, their
   * endpoints already allowed by the egress policy). `context` is absent only when an adapter is
   * used outside herd's registry (its own tests).
   */
  connect(parameters: Record<string, unknown>, context?: ConnectContext): ProviderConnection;
}

export function providerKey(kind: string, variant: string): string {
  return `${kind}/${variant}`;
}
