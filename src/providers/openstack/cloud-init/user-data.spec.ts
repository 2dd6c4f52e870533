import { describe, expect, it } from 'vitest';
import { bootVm, playVm, startCallbackRecorder } from '../../../../test/support/vm-player';
import { FatalProviderError, type ComponentSpec } from '../../spi';
import { shellQuote } from './shell-quote';
import { buildUserData, MAX_USER_DATA_BASE64 } from './user-data';

const HOSTILE = `'; touch /tmp/pwned; echo '$(id)\`id\`"\n#`;

function comp(name: string, startOrder: number, extra: Partial<ComponentSpec> = {}): ComponentSpec {
  return { name, image: 'apache/hadoop:3', command: ['hdfs', name.toLowerCase()], ports: [], env: {}, configFiles: [], startOrder, ...extra };
}

describe('shellQuote', () => {
  it('survives a round trip through sh for hostile strings', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    expect(execFileSync('sh', ['-c', `printf '%s' ${shellQuote(HOSTILE)}`], { encoding: 'utf8' })).toBe(HOSTILE);
  });
});

describe('buildUserData', () => {
  it('starts the containers in start order with their env, command and config files, and passes hostile values verbatim', async () => {
    const script = buildUserData({
      nodeName: 'herd-abc-master-0',
      components: [
        comp('RESOURCEMANAGER', 30),
        comp('NAMENODE', 10, { env: { EVIL: HOSTILE }, command: ['hdfs', HOSTILE], configFiles: [{ path: '/opt/hadoop/etc/core-site.xml', content: `<x>${HOSTILE}</x>` }] }),
      ],
    });
    const vm = await playVm(script);
    expect(vm.status).toBe(0);
    const runs = vm.docker.filter((a) => a[0] === 'run');
    expect(runs.map((a) => a[a.indexOf('--name') + 1])).toEqual(['herd-namenode', 'herd-resourcemanager']);
    const nn = runs[0];
    expect(nn).toContain(`EVIL=${HOSTILE}`);
    expect(nn.slice(-3)).toEqual(['apache/hadoop:3', 'hdfs', HOSTILE]);
    expect(Object.values(vm.files)).toEqual([`<x>${HOSTILE}</x>`]);
    expect(nn.find((a) => a.endsWith(':/opt/hadoop/etc/core-site.xml:ro'))).toBeDefined();
  });

  it('writes a file the node\'s components share once and mounts it into each of them', async () => {
    const core = { path: '/opt/hadoop/etc/hadoop/core-site.xml', content: '<configuration>shared</configuration>' };
    const yarn = { path: '/opt/hadoop/etc/hadoop/yarn-site.xml', content: '<configuration>rm</configuration>' };
    const script = buildUserData({ nodeName: 'herd-abc-master-0', components: [comp('NAMENODE', 10, { configFiles: [core] }), comp('RESOURCEMANAGER', 30, { configFiles: [core, yarn] })] });
    expect(script.split(Buffer.from(core.content).toString('base64')).length - 1).toBe(1);
    const vm = await playVm(script);
    expect(vm.status).toBe(0);
    expect(Object.values(vm.files).sort()).toEqual([core.content, yarn.content].sort());
    const runs = vm.docker.filter((a) => a[0] === 'run');
    for (const run of runs) expect(run.find((a) => a.endsWith(':/opt/hadoop/etc/hadoop/core-site.xml:ro'))).toBeDefined();
  });

  it('calls herd back with the node token once the containers run', async () => {
    const recorder = await startCallbackRecorder();
    const script = buildUserData({ nodeName: 'n', components: [comp('DATANODE', 20)], callbackUrl: recorder.url, callbackToken: 'tok-123' });
    const vm = await playVm(script);
    recorder.close();
    expect(vm.status).toBe(0);
    expect(recorder.calls).toEqual([{ auth: 'Bearer tok-123', body: '{"event":"ready","components":[{"name":"DATANODE","status":"running"}]}' }]);
  });

  it('leaves a reporter that starts again at every boot and reports the containers\' health', async () => {
    const recorder = await startCallbackRecorder();
    const script = buildUserData({ nodeName: 'n', components: [comp('DATANODE', 20), comp('NODEMANAGER', 30)], callbackUrl: recorder.url, callbackToken: 'tok-456', healthIntervalSeconds: 10 });
    const vm = await playVm(script);
    expect(Object.keys(vm.boot)).toEqual(['herd-report']);
    expect(vm.files['herd-token']).toBe('tok-456');
    recorder.calls.length = 0;

    const stop = bootVm(vm, 'exited');
    try {
      const deadline = Date.now() + 10_000;
      while (recorder.calls.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      stop();
      recorder.close();
    }
    expect(recorder.calls[0]).toEqual({
      auth: 'Bearer tok-456',
      body: '{"event":"health","components":[{"name":"DATANODE","status":"failed"},{"name":"NODEMANAGER","status":"failed"}]}',
    });
  });

  it('refuses names and paths that cannot be passed safely', () => {
    expect(() => buildUserData({ nodeName: 'n', components: [comp('A;B', 1)] })).toThrow(FatalProviderError);
    expect(() => buildUserData({ nodeName: 'n', components: [comp('A', 1, { env: { 'X=Y': '1' } })] })).toThrow(/not a valid variable name/);
    expect(() => buildUserData({ nodeName: 'n', components: [comp('A', 1, { configFiles: [{ path: '/etc/../x', content: '' }] })] })).toThrow(/absolute path/);
    const huge = 'x'.repeat(MAX_USER_DATA_BASE64);
    expect(() => buildUserData({ nodeName: 'n', components: [comp('A', 1, { configFiles: [{ path: '/a', content: huge }] })] })).toThrow(/too large/);
  });
});

