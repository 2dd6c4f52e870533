import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../spi';
import { readMagnumOptions } from './magnum-options';
import { checkSwarmHostGroups, swarmClusterSpec } from './swarm-spec';

const DATANODE = { name: 'DATANODE', image: 'apache/hadoop:3.3.6', command: ['hdfs', 'datanode'], ports: [], env: {}, configFiles: [], startOrder: 20 };

function cluster(options: Record<string, unknown>, workerOptions: Record<string, unknown> = {}): ClusterSpec {
  const group = (name: string, opts: Record<string, unknown>) => ({ name, nodeCount: 1, instanceType: 'm1.small', components: [DATANODE], options: opts });
  return { clusterId: 'c', tenantId: 't', name: 'n', tag: 'tag', stack: { name: 'HDP', version: '3.1' }, hostGroups: [group('master', options), group('worker', workerOptions)] };
}

describe('Magnum options: which COE herd runs components on', () => {
  it('takes classic Swarm, by default too', () => {
    expect(readMagnumOptions(cluster({ image: 'fedora-atomic' })).options?.coe).toBe('swarm');
    expect(readMagnumOptions(cluster({ image: 'fedora-atomic', coe: 'swarm' })).problems).toEqual([]);
  });

  it('refuses swarm-mode: plain containers would all land on one manager', () => {
    expect(readMagnumOptions(cluster({ image: 'fedora-atomic', coe: 'swarm-mode' })).problems).toEqual([
      {
        field: 'hostGroups[0].options.coe',
        reason:
          'coe swarm-mode is not supported: herd runs each node as plain containers through the Docker API; swarm mode spreads services, not plain containers, so every node would run on the one manager behind api_address. Use coe swarm',
      },
    ]);
  });

  it('refuses kubernetes and mesos: herd has no runner for them', () => {
    expect(readMagnumOptions(cluster({ image: 'fedora-coreos', coe: 'kubernetes' })).problems).toEqual([
      { field: 'hostGroups[0].options.coe', reason: 'coe kubernetes is not supported: herd has no Kubernetes runner: Magnum would build the cluster but no Hadoop component would run on it. Use coe swarm' },
    ]);
    expect(readMagnumOptions(cluster({ image: 'ubuntu-mesos', coe: 'mesos' })).problems).toEqual([
      { field: 'hostGroups[0].options.coe', reason: 'coe mesos is not supported: herd has no Mesos runner: Magnum would build the cluster but no Hadoop component would run on it. Use coe swarm' },
    ]);
  });

  it('names an unknown COE and a bad pull policy', () => {
    expect(readMagnumOptions(cluster({ image: 'x', coe: 'openshift', pullPolicy: 'sometimes' })).problems).toEqual([
      { field: 'hostGroups[0].options.coe', reason: 'must be one of kubernetes, swarm, swarm-mode, mesos' },
      { field: 'hostGroups[0].options.pullPolicy', reason: 'must be one of never, ifNotPresent, always' },
    ]);
    expect(readMagnumOptions(cluster({ image: 'x' })).options?.pullPolicy).toBe('ifNotPresent');
  });
});

describe('Docker options of a host group on the COE', () => {
  it('become the Docker adapter host group: options.docker, instanceType a Docker size (medium by default)', () => {
    const spec = swarmClusterSpec(cluster({ image: 'fedora-atomic', docker: { image: 'herd/hadoop-sim:1', instanceType: 'small' } }, { docker: { publishPorts: true } }));
    expect(spec.hostGroups.map((g) => [g.instanceType, g.options])).toEqual([
      ['small', { image: 'herd/hadoop-sim:1' }],
      ['medium', { publishPorts: true }],
    ]);
  });

  it('are checked by the Docker adapter, with fields named where the user wrote them', () => {
    expect(checkSwarmHostGroups(cluster({ image: 'fedora-atomic', docker: { instanceType: 'huge', volumes: 'dfs' } }, { docker: 'x' }))).toEqual([
      { field: 'hostGroups[0].options.docker.volumes', reason: 'must be a list of {name, target, readOnly?}' },
      { field: 'hostGroups[0].options.docker.instanceType', reason: 'must be one of small, medium, large, xlarge (the Docker budget of a node)' },
      { field: 'hostGroups[1].options.docker', reason: 'must be an object of Docker host group options' },
    ]);
  });
});
