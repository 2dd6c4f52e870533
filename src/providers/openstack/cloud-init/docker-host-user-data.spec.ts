import { describe, expect, it } from 'vitest';
import { playVm, startCallbackRecorder } from '../../../../test/support/vm-player';
import type { ComponentSpec } from '../../spi';
import { buildDockerHostUserData } from './docker-host-user-data';

function comp(name: string, startOrder: number): ComponentSpec {
  return { name, image: 'apache/hadoop:3', command: ['hdfs', name.toLowerCase()], ports: [], env: {}, configFiles: [{ path: '/opt/x.xml', content: '<x/>' }], startOrder };
}

describe('buildDockerHostUserData', () => {
  it("opens Docker on the node's address for Heat, starts no container itself, waits for Heat's containers, then calls herd back", async () => {
    const recorder = await startCallbackRecorder();
    const script = buildDockerHostUserData({
      nodeName: 'herd-abc-master-0',
      components: [comp('RESOURCEMANAGER', 30), comp('NAMENODE', 10)],
      callbackUrl: recorder.url,
      callbackToken: 'tok-1',
    });
    const vm = await playVm(script);
    recorder.close();
    expect(vm.status).toBe(0);
    const dropIn = vm.files['systemd/docker.service.d/herd-heat.conf'];
    expect(dropIn).toMatch(/^\[Service\]\nExecStart=\nExecStart=\S+ -H fd:\/\/ -H tcp:\/\/(\d+\.){3}\d+:2375 /);
    expect(vm.systemctl).toEqual([['daemon-reload'], ['enable', 'herd-containers.service'], ['restart', 'docker']]);
    // the plugin cannot give containers a restart policy: a unit starts them again, in start order, at every boot
    expect(vm.files['systemd/herd-containers.service']).toMatch(/\nAfter=docker.service\n[\s\S]*\nExecStart=\/\S+ start herd-namenode herd-resourcemanager\n[\s\S]*WantedBy=multi-user.target\n$/);
    expect(vm.docker.filter((a) => a[0] === 'run' || a[0] === 'create')).toEqual([]);
    // config files are not written on the host (they travel in the containers' env): only the units and the node's reporter
    expect(Object.keys(vm.files).sort()).toEqual(['herd-report.sh', 'herd-token', 'herd-url', 'systemd/docker.service.d/herd-heat.conf', 'systemd/herd-containers.service']);
    expect(Object.keys(vm.boot)).toEqual(['herd-report']);
    const waited = vm.docker.filter((a) => a[0] === 'inspect').map((a) => a.at(-1));
    expect(waited.slice(0, 2)).toEqual(['herd-namenode', 'herd-resourcemanager']);
    expect(recorder.calls).toEqual([
      { auth: 'Bearer tok-1', body: '{"event":"ready","components":[{"name":"NAMENODE","status":"running"},{"name":"RESOURCEMANAGER","status":"running"}]}' },
    ]);
  });
});
