/** A simulated node as stored in Redis (one JSON value per node in the cluster's hash). */
export interface SimNodeRecord {
  name: string;
  hostGroup: string;
  index: number;
  providerId: string;
  /** Whose quota the node counts against. */
  account: string;
  instanceType: string;
  cpus: number;
  memoryMb: number;
  components: string[];
  /** Its host group was listed in `unhealthyHostGroups` when it launched. */
  unhealthy: boolean;
  /** How long it takes from launch (or start) to RUNNING. */
  bootMs: number;
  createdAt: number;
}

/** Power state changes, stored apart from the record so Lua never re-encodes JSON. */
export interface SimPowerState {
  powered: boolean;
  at: number;
}

/** Everything the store knows about one node. */
export interface SimNodeState {
  record: SimNodeRecord;
  power?: SimPowerState;
  /** Set by `SimStore.crash`: the host died. */
  crashedAt?: number;
}
