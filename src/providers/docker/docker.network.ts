/** How the cluster network is made: `auto` asks the engine (overlay on classic Swarm, bridge on one engine). */
export const NETWORK_DRIVERS = ['auto', 'bridge', 'overlay'] as const;
export type NetworkDriverSetting = (typeof NETWORK_DRIVERS)[number];
export type NetworkDriver = Exclude<NetworkDriverSetting, 'auto'>;

/** The parts of `GET /info` that tell a single engine from a classic Swarm manager. */
export interface EngineInfo {
  ServerVersion?: string;
  /** Classic Swarm 1.x lists its nodes here (`[" node-1", "10.0.0.5:2375"]`), older ones in DriverStatus. */
  SystemStatus?: Array<[string, string]> | null;
  DriverStatus?: Array<[string, string]> | null;
}

/**
 * Classic (standalone) Swarm puts one Docker API in front of many engines and schedules each
 * container on one of them; it names itself `swarm/<version>`. A Swarm-mode engine does not:
 * plain containers stay on the engine that was asked.
 */
export function isClassicSwarm(info: EngineInfo): boolean {
  return /^swarm\//i.test(info.ServerVersion ?? '');
}

/** How many engines a classic Swarm manager says it schedules onto (its `Nodes` status row). */
export function classicSwarmNodes(info: EngineInfo): number | undefined {
  const rows = [...(info.SystemStatus ?? []), ...(info.DriverStatus ?? [])];
  const row = rows.find(([key]) => key.trim() === 'Nodes');
  const count = Number(row?.[1]);
  return Number.isInteger(count) ? count : undefined;
}

/** A bridge network lives on one engine; containers on several engines of a classic Swarm need an overlay. */
export function networkDriverFor(setting: NetworkDriverSetting, info: () => Promise<EngineInfo>): Promise<NetworkDriver> {
  if (setting !== 'auto') return Promise.resolve(setting);
  return info().then((answer) => (isClassicSwarm(answer) ? 'overlay' : 'bridge'));
}
