import { describe, expect, it } from 'vitest';
import { HostGroupOptionsSchema, type ClusterSpec } from '../../spi';
import { MAGNUM_DESCRIPTOR } from './magnum.descriptor';
import { readMagnumOptions } from './magnum.options';
import { checkSwarmHostGroups, swarmClusterSpec } from './magnum.swarm-spec';

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

describe('Magnum host group options: the published schema and the adapter agree', () => {
  const published = HostGroupOptionsSchema.of(MAGNUM_DESCRIPTOR.hostGroupOptionsSchema!);
  const atRequest = (options: Record<string, unknown>) => published.problems(options, 'hostGroups[0].options');
  const inAdapter = (options: Record<string, unknown>) => {
    const spec = cluster(options);
    return [...readMagnumOptions(spec).problems, ...checkSwarmHostGroups(spec)];
  };

  it.each([
    [{ image: 'fedora-atomic' }],
    [{ clusterTemplate: 'ops-swarm', pullPolicy: 'never', docker: { image: 'herd/hadoop-sim:1', instanceType: 'small' } }],
    [
      {
        image: 'fedora-atomic', coe: 'swarm', externalNetwork: 'public', masterFlavor: 'm1.large', masterCount: 3, keyName: 'ops', networkDriver: 'flannel', dockerVolumeSize: 20,
        fixedNetwork: 'private', fixedSubnet: 'private-subnet', dnsNameserver: '8.8.8.8', discoveryUrl: 'https://discovery.etcd.io/abc', labels: { a: 'b' }, createTimeoutMins: 120,
      },
    ],
    [{ image: 'fedora-atomic', coe: null, pullPolicy: null, keyName: null }],
  ])('accepts %j', (options) => {
    expect(atRequest(options)).toEqual([]);
    expect(inAdapter(options)).toEqual([]);
  });

  it.each([
    [{ image: 'x', coe: 'openshift' }, 'coe'],
    [{ image: 'x', coe: 'kubernetes' }, 'coe'],
    [{ image: 'x', coe: 'swarm-mode' }, 'coe'],
    [{ image: 'x', coe: 'mesos' }, 'coe'],
    [{ image: 'x', pullPolicy: 'sometimes' }, 'pullPolicy'],
    [{ image: 'x', masterCount: 0 }, 'masterCount'],
    [{ image: 'x', masterCount: 8 }, 'masterCount'],
    [{ image: 'x', dockerVolumeSize: 0 }, 'dockerVolumeSize'],
    [{ image: 'x', createTimeoutMins: 1441 }, 'createTimeoutMins'],
    [{ image: 'x', discoveryUrl: 'ftp://discovery' }, 'discoveryUrl'],
    [{ image: 'x', labels: 'a=b' }, 'labels'],
    [{ image: 'x', labels: { a: 5 } }, 'labels.a'],
    [{ image: 'x', externalNetwork: 5 }, 'externalNetwork'],
    [{ image: 'x', docker: 'x' }, 'docker'],
    [{ image: 'x', docker: { instanceType: 'huge' } }, 'docker.instanceType'],
    [{ image: 'x', docker: { volumes: 'dfs' } }, 'docker.volumes'],
    [{ image: 'x', docker: { restartRetries: -1 } }, 'docker.restartRetries'],
    [{ image: 'x', docker: { imgae: 'x' } }, 'docker.imgae'],
  ])('refuses %j on %s', (options, field) => {
    expect(inAdapter(options).map((problem) => problem.field)).toEqual([`hostGroups[0].options.${field}`]);
    expect(atRequest(options).map((problem) => problem.field)).toEqual([`hostGroups[0].options.${field}`]);
  });

  it('words a refusal the same way at request time as in the pre-flight', () => {
    const options = { image: 'x', coe: 'kubernetes', masterCount: 8, docker: { instanceType: 'huge', restartRetries: -1 } };
    expect(atRequest(options)).toEqual(inAdapter(options));
  });

  it('requires an image on the first host group in the adapter only: the schema is the same for every host group', () => {
    expect(atRequest({})).toEqual([]);
    expect(inAdapter({})).toEqual([{ field: 'hostGroups[0].options.image', reason: 'is required unless clusterTemplate is given' }]);
  });

  it('refuses an unknown option at request time; the adapter leaves it alone, as it did for clusters stored before', () => {
    expect(atRequest({ image: 'x', flavour: 'm1' }).map((problem) => problem.field)).toEqual(['hostGroups[0].options.flavour']);
    expect(inAdapter({ image: 'x', flavour: 'm1' })).toEqual([]);
  });

  it('fills in the defaults', () => {
    expect(readMagnumOptions(cluster({ image: 'fedora-atomic', keyName: null })).options).toMatchObject({ coe: 'swarm', masterCount: 1, createTimeoutMins: 60, pullPolicy: 'ifNotPresent', labels: {}, keyName: undefined });
  });
});
