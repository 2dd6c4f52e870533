/** How the cluster network is made: `auto` asks the engine (overlay on classic Swarm, bridge on one engine). */
export const NETWORK_DRIVERS = ['auto', 'bridge', 'overlay'] as const;
export type NetworkDriverSetting = (typeof NETWORK_DRIVERS)[number];
export type NetworkDriver = Exclude<NetworkDriverSetting, 'auto'>;

/** The part of `GET /info` that tells a single engine from a classic Swarm manager. */
export interface EngineInfo {
  ServerVersion?: string;
}

/**
 * Classic (standalone) Swarm puts one Docker API in front of many engines and schedules each
 * container on one of them; it names itself `swarm/<version>` (and lists its engines in
 * SystemStatus). A Swarm-mode engine does not: plain containers stay on the engine that was asked.
 */
export function isClassicSwarm(info: EngineInfo): boolean {
  return /^swarm\//i.test(info.ServerVersion ?? '');
}

/** A bridge network lives on one engine; containers on several engines of a classic Swarm need an overlay. */
export function networkDriverFor(setting: NetworkDriverSetting, info: () => Promise<EngineInfo>): Promise<NetworkDriver> {
  if (setting !== 'auto') return Promise.resolve(setting);
  return info().then((answer) => (isClassicSwarm(answer) ? 'overlay' : 'bridge'));
}
