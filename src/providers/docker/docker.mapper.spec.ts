import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_PORT_LABEL } from './docker.endpoints';
import type { HealthProbe } from './docker.health';
import { LABEL } from './docker.labels';
import { componentStatus, failedComponentContainers, mapNodes } from './docker.mapper';

const NETWORK = 'herd-t1';

function container(id: string, labels: Record<string, string>, state: string, status = '', extra: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return { Id: id, Names: [`/${id}`], Labels: labels, State: state, Status: status, Ports: [], NetworkSettings: { Networks: {} }, ...extra } as unknown as Docker.ContainerInfo;
}

function sandbox(node: string, state: string, ip = '10.1.0.2', ports: Docker.Port[] = []): Docker.ContainerInfo {
  return container(`${node}-sb`, { [LABEL.node]: node, [LABEL.hostGroup]: 'worker', [LABEL.nodeIndex]: node.slice(-1), [LABEL.role]: 'node' }, state, '', {
    Ports: ports,
    NetworkSettings: { Networks: { [NETWORK]: { IPAddress: ip } } } as unknown as Docker.ContainerInfo['NetworkSettings'],
  });
}

function component(node: string, name: string, state: string, status = 'Up 1 minute (healthy)', port = 9864): Docker.ContainerInfo {
  return container(`${node}-${name}`, { [LABEL.node]: node, [LABEL.hostGroup]: 'worker', [LABEL.role]: 'component', [LABEL.component]: name, [ENDPOINT_PORT_LABEL]: String(port) }, state, status);
}

const context = (reasons = new Map<string, string>(), probes = new Map<string, HealthProbe>()) => ({ network: NETWORK, reasons, probes, expectedComponents: new Map([['worker', ['DATANODE', 'NODEMANAGER']]]) });

describe('docker state mapping', () => {
  it.each([
    ['running', 'Up 3 seconds (health: starting)', true, 'starting'],
    ['running', 'Up 3 minutes (healthy)', true, 'running'],
    ['running', 'Up 3 minutes', true, 'running'],
    ['running', 'Up 3 minutes (unhealthy)', true, 'failed'],
    ['created', 'Created', true, 'starting'],
    ['restarting', 'Restarting (1) 2 seconds ago', true, 'failed'],
    ['exited', 'Exited (137) 1 second ago', true, 'failed'],
    ['exited', 'Exited (143) 1 second ago', false, 'stopped'],
    ['dead', 'Dead', false, 'failed'],
    ['weird', '', true, 'unknown'],
  ])('maps a %s container (%s, node up: %s) to %s', (state, status, nodeUp, expected) => {
    expect(componentStatus({ State: state, Status: status }, nodeUp)).toBe(expected);
  });

  it.each([
    [{ answering: true }, 'running'],
    [{ answering: false, withinGrace: true, reason: 'no answer' }, 'starting'],
    [{ answering: false, withinGrace: false, reason: 'no answer' }, 'failed'],
  ] as const)("lets herd's own probe of a running component decide: %j is %s", (probe, expected) => {
    expect(componentStatus({ State: 'running', Status: 'Up 3 minutes (healthy)' }, true, probe)).toBe(expected);
    expect(componentStatus({ State: 'exited', Status: 'Exited (1)' }, true, probe)).toBe('failed');
  });

  it('reports a running node with bridge endpoints, sorted by host group and index', () => {
    const nodes = mapNodes(
      [component('w-1', 'DATANODE', 'running'), sandbox('w-1', 'running', '10.1.0.3'), sandbox('w-0', 'running'), component('w-0', 'NODEMANAGER', 'running', 'Up', 8042), component('w-0', 'DATANODE', 'running'), component('w-1', 'NODEMANAGER', 'running', 'Up', 8042)],
      context(),
    );
    expect(nodes.map((node) => [node.name, node.index, node.status])).toEqual([['w-0', 0, 'RUNNING'], ['w-1', 1, 'RUNNING']]);
    expect(nodes[0]).toMatchObject({ providerId: 'w-0-sb', addresses: { private: '10.1.0.2' } });
    expect(nodes[0].components).toEqual([
      { name: 'DATANODE', status: 'running', endpoint: 'http://10.1.0.2:9864' },
      { name: 'NODEMANAGER', status: 'running', endpoint: 'http://10.1.0.2:8042' },
    ]);
  });

  it('prefers a port published on 127.0.0.1', () => {
    const [node] = mapNodes([sandbox('w-0', 'running', '10.1.0.2', [{ IP: '127.0.0.1', PrivatePort: 9864, PublicPort: 32768, Type: 'tcp' }]), component('w-0', 'DATANODE', 'running'), component('w-0', 'NODEMANAGER', 'running', 'Up', 8042)], context());
    expect(node.components[0].endpoint).toBe('http://127.0.0.1:32768');
    expect(node.components[1].endpoint).toBe('http://10.1.0.2:8042');
  });

  it('turns a failed component into an ERROR node carrying its reason', () => {
    const containers = [sandbox('w-0', 'running'), component('w-0', 'DATANODE', 'exited', 'Exited (1) 3 seconds ago'), component('w-0', 'NODEMANAGER', 'running')];
    expect(failedComponentContainers(containers, new Map()).map((found) => found.Id)).toEqual(['w-0-DATANODE']);
    const silent = new Map<string, HealthProbe>([['w-0-NODEMANAGER', { answering: false, withinGrace: false, reason: 'no answer for 301 s' }]]);
    expect(failedComponentContainers(containers, silent).map((found) => found.Id)).toEqual(['w-0-DATANODE', 'w-0-NODEMANAGER']);
    const [node] = mapNodes(containers, context(new Map([['w-0-DATANODE', 'exited with exit code 1; last log lines:\nOutOfMemoryError']])));
    expect(node.status).toBe('ERROR');
    expect(node.statusReason).toBe('DATANODE: exited with exit code 1; last log lines:\nOutOfMemoryError');
    expect(node.components[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('OutOfMemoryError') });
  });

  it('reports a stopped node with stopped components, and a starting one while health checks settle', () => {
    const [stopped] = mapNodes([sandbox('w-0', 'exited'), component('w-0', 'DATANODE', 'exited', 'Exited (143)'), component('w-0', 'NODEMANAGER', 'exited', 'Exited (143)')], context());
    expect(stopped.status).toBe('STOPPED');
    expect(stopped.components.map((found) => found.status)).toEqual(['stopped', 'stopped']);
    const [starting] = mapNodes([sandbox('w-0', 'running'), component('w-0', 'DATANODE', 'running', 'Up 1 second (health: starting)'), component('w-0', 'NODEMANAGER', 'running')], context());
    expect(starting.status).toBe('STARTING');
  });

  it('flags a node whose sandbox or expected components are missing', () => {
    const [orphan] = mapNodes([component('w-0', 'DATANODE', 'running'), component('w-0', 'NODEMANAGER', 'running')], context());
    expect(orphan).toMatchObject({ status: 'ERROR', statusReason: expect.stringContaining('sandbox') });
    const [partial] = mapNodes([sandbox('w-0', 'running'), component('w-0', 'DATANODE', 'running')], context());
    expect(partial).toMatchObject({ status: 'ERROR', statusReason: 'no container for NODEMANAGER' });
  });
});
