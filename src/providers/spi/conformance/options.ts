import type { ComponentSpec } from '../cluster-spec';
import type { ProviderError } from '../errors';
import type { ProviderAdapter } from '../provider';

/** What the kit tests: an adapter bound to parameters that work, and how to clean up afterwards. */
export interface ConformanceSubject {
  adapter: ProviderAdapter;
  /** Credential parameters that work (they must pass the adapter's credential schema). */
  parameters: Record<string, unknown>;
  /** Runs once after every scenario (stop servers, remove temporary files ...). */
  cleanup?: () => Promise<void>;
}

export type ConformanceFactory = () => Promise<ConformanceSubject>;

export interface ConformanceHostGroup {
  name: string;
  nodeCount: number;
  components: ComponentSpec[];
  /** Passed as `HostGroupSpec.options` (image override, volumes ...). */
  options?: Record<string, unknown>;
}

/** Parameters, or a function that derives them from the subject's working parameters. */
export type ParametersVariant = Record<string, unknown> | ((working: Record<string, unknown>) => Record<string, unknown>);

export type ProviderErrorClass = abstract new (...args: never[]) => ProviderError;

/** A credential or a cluster the backend refuses, and the SPI error class the refusal must have. */
export interface FaultScenario {
  name: string;
  /** Credential parameters for this scenario, or a function of the working ones (default: the working ones). */
  parameters?: ParametersVariant;
  /** Host groups for this scenario (default: the kit's). */
  hostGroups?: ConformanceHostGroup[];
  /** The call that must fail: launching the cluster (default), or describing it. */
  during?: 'launch' | 'describe';
  expect: ProviderErrorClass;
}

export interface ConformanceOptions {
  /** Title of the test block (default "adapter"). */
  name?: string;
  stack?: { name: string; version: string };
  /**
   * Host groups of the test cluster. The first is never scaled; the last is scaled up by one node
   * and back down. Default: `master` (NAMENODE, RESOURCEMANAGER) x1 and `worker` (DATANODE,
   * NODEMANAGER) x2, made with `defaultComponents()`.
   */
  hostGroups?: ConformanceHostGroup[];
  /** Instance type for every host group; default: the first one the descriptor lists. */
  instanceType?: string;
  /** How often `describe` is polled while waiting for a status. Default 100 ms. */
  pollIntervalMs?: number;
  /** How long nodes may take to reach a status (RUNNING, STOPPED, gone). Default 60 s. */
  statusTimeoutMs?: number;
  /** Time limit of each test; default: 4 x statusTimeoutMs. */
  testTimeoutMs?: number;
  /** Longest a single `apply` or `teardown` may take, since it only starts its work. Default 30 s. */
  callTimeoutMs?: number;
  /** Tenant id put in the test clusters' specs. */
  tenantId?: string;
  /**
   * Parameters the backend refuses as a bad or revoked credential. When given, `verify()` must
   * report `ok: false` (or throw AuthFailedError) and `describe`/`apply` must throw AuthFailedError.
   */
  authFailure?: ParametersVariant;
  /** More refusals, e.g. `{ name: 'quota', parameters: {...}, expect: QuotaExceededError }`. */
  faults?: FaultScenario[];
  /** Checks an adapter may opt out of, with a reason in its own test file. */
  skip?: {
    /** Applying an unknown instance type: a prerequisites problem and a non-retryable ProviderError. */
    unknownInstanceType?: boolean;
    /** Two connections applying the same plan at once still make each node once. */
    concurrentApply?: boolean;
  };
}

export interface ResolvedConformanceOptions {
  stack: { name: string; version: string };
  hostGroups: ConformanceHostGroup[];
  pollIntervalMs: number;
  statusTimeoutMs: number;
  testTimeoutMs: number;
  callTimeoutMs: number;
  tenantId: string;
  authFailure?: ParametersVariant;
  faults: FaultScenario[];
  skip: { unknownInstanceType: boolean; concurrentApply: boolean };
}
