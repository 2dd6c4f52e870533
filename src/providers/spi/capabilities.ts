/**
 * What a backend can do, as data the API shows before a user chooses it. Optional operations
 * are also optional members of `ProviderConnection`; the registry refuses an adapter whose
 * declared capabilities and implemented facets disagree.
 */
export interface ProviderCapabilities {
  /** Nodes can be stopped and started again without losing them (`power` facet). */
  stopStart: boolean;
  /** Host groups can grow and shrink on a running cluster. */
  scale: boolean;
  /** Docker's own container features are exposed: volumes, limits, health checks, restart policy, logs. */
  containerOptions: boolean;
  /** Nodes of a host group can be spread over distinct hosts. */
  antiAffinity: boolean;
  /** How tenants are isolated on the backend. */
  multiTenancy: 'none' | 'per-credential' | 'keystone-projects';
  /** Nodes can be physical machines. */
  bareMetal: boolean;
  /** `pull`: herd probes node endpoints; `push`: nodes call herd back with their health. */
  healthReporting: 'pull' | 'push';
  /**
   * The whole cluster is one backend resource (a stack or a COE cluster) rather than one per node,
   * changed by one backend operation at a time. herd then sends each converge step's whole plan in
   * one `apply` (never in batches), and sends none while the connection's `operationInProgress`
   * reports the last operation still under way, which such a connection implements.
   */
  declarative: boolean;
  /**
   * herd can run commands inside a node's components (`commands` facet), so a scale-down
   * decommissions DataNodes and NodeManagers before it removes them. Absent means false.
   */
  nodeCommands?: boolean;
}
