import { describe, expect, it } from 'vitest';
import { isClassicSwarm, networkDriverFor, type EngineInfo } from './docker.network';

/** `GET /info` of a classic Swarm 1.2 manager in front of two engines (shape of `swarm manage`). */
const CLASSIC_SWARM: EngineInfo & Record<string, unknown> = {
  ServerVersion: 'swarm/1.2.9',
  SystemStatus: [
    ['Role', 'primary'],
    ['Strategy', 'spread'],
    ['Filters', 'health, port, containerslots, dependency, affinity, constraint, whitelist'],
    ['Nodes', '2'],
    [' swarm-node-0', '10.0.0.5:2375'],
    ['  └ Status', 'Healthy'],
    [' swarm-node-1', '10.0.0.6:2375'],
    ['  └ Status', 'Healthy'],
  ],
};
const SINGLE_ENGINE: EngineInfo & Record<string, unknown> = { ServerVersion: '20.10.24', DriverStatus: [['Backing Filesystem', 'extfs']], SystemStatus: null };

describe('the cluster network driver', () => {
  it('tells classic Swarm from a single engine by its server version', () => {
    expect(isClassicSwarm(CLASSIC_SWARM)).toBe(true);
    expect(isClassicSwarm(SINGLE_ENGINE)).toBe(false);
    expect(isClassicSwarm({ ServerVersion: '24.0.5', Swarm: { LocalNodeState: 'active', ControlAvailable: true } } as EngineInfo)).toBe(false);
  });

  it('chooses overlay on classic Swarm and bridge on one engine when set to auto', async () => {
    expect(await networkDriverFor('auto', async () => CLASSIC_SWARM)).toBe('overlay');
    expect(await networkDriverFor('auto', async () => SINGLE_ENGINE)).toBe('bridge');
  });

  it('does not ask the engine when the driver is given', async () => {
    const never = async (): Promise<EngineInfo> => {
      throw new Error('asked');
    };
    expect(await networkDriverFor('overlay', never)).toBe('overlay');
    expect(await networkDriverFor('bridge', never)).toBe('bridge');
  });
});
