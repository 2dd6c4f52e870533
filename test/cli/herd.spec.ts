import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BLUEPRINT, simCredential } from '../support/clusters';
import { eventStreamOutage } from '../support/event-stream-outage';
import { freePort } from '../support/free-port';
import { buildHerdCli, HerdCli } from '../support/herd-cli';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures');
const CLOUDS_YAML = join(FIXTURES, 'openstack', 'clouds.yaml');
const CLOUDS_PASSWORD = 'fixture-password-7f3a9c';

/** The `herd` binary, run as a child process against a real herd (api and worker) on the sim. */
describe('the herd command line', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;
  /** A CLI whose environment names this herd and key, as a user's shell would. */
  let herd: HerdCli;
  const clusterName = `cli-${Math.random().toString(36).slice(2, 8)}`;
  let clusterId: string;

  beforeAll(async () => {
    expect(buildHerdCli().trim()).toMatch(/^\d+\.\d+\.\d+$/);
    app = await startTestApp({ role: 'all', ownDatabase: true });
    tenant = await app.newTenant('member');
    credential = await simCredential(app, tenant);
    herd = new HerdCli({ HERD_URL: app.baseUrl, HERD_API_KEY: tenant.key });
  }, 300_000);
  afterAll(async () => {
    herd?.remove();
    await app?.close();
  });

  it('keeps profiles in a 0600 file, masks their keys, and lets flags and --profile override the current one', async () => {
    const cli = new HerdCli();
    try {
      const unreachable = `http://127.0.0.1:${await freePort()}`;
      await cli.ok(['config', 'set', 'lab', '--url', app.baseUrl, '--api-key', tenant.key]);
      await cli.ok(['config', 'set', 'broken', '--url', unreachable, '--api-key', 'not-a-key-of-herd', '--use']);
      expect(statSync(cli.configPath).mode & 0o777).toBe(0o600);

      const profiles = await cli.json(['config', 'list']);
      expect(profiles).toEqual([
        { profile: 'lab', current: false, url: app.baseUrl, apiKey: expect.stringMatching(/\*{8}$/) },
        { profile: 'broken', current: true, url: unreachable, apiKey: expect.stringMatching(/\*{8}$/) },
      ]);
      const shown = await cli.ok(['config', 'show', 'lab']);
      expect(shown.stdout).toContain(app.baseUrl);
      expect(shown.stdout).not.toContain(tenant.key);

      const viaCurrent = await cli.run(['clusters', 'list']);
      expect(viaCurrent.code).toBe(1);
      expect(viaCurrent.stderr).toMatch(/could not reach herd/);
      expect(await cli.json(['--profile', 'lab', 'clusters', 'list'])).toEqual([]);
      expect(await cli.json(['--url', app.baseUrl, '--api-key', tenant.key, 'clusters', 'list'])).toEqual([]);
      expect(await cli.json(['clusters', 'list'], { HERD_URL: app.baseUrl, HERD_API_KEY: tenant.key })).toEqual([]);

      await cli.ok(['config', 'use', 'lab']);
      expect(await cli.json(['clusters', 'list'])).toEqual([]);
      await cli.ok(['config', 'delete', 'broken']);
      expect((await cli.json(['config', 'list'])).map((profile: { profile: string }) => profile.profile)).toEqual(['lab']);
      expect(statSync(cli.configPath).mode & 0o777).toBe(0o600);
    } finally {
      cli.remove();
    }
  });

  it('creates a cluster with --wait, shows progress on stderr, and ends printing its endpoints', { timeout: 120_000 }, async () => {
    const created = await herd.ok(['clusters', 'create', '--name', clusterName, '--blueprint', BLUEPRINT, '--credential', credential, '--host-group', 'master=1', '--host-group', 'worker=2', '--wait']);
    expect(created.stdout).toMatch(new RegExp(`cluster ${clusterName} is AVAILABLE`));
    expect(created.stdout).toMatch(/NameNode UI\s+http:\/\/\S+/);
    expect(created.stdout).toMatch(/ResourceManager UI\s+http:\/\/\S+/);
    // stderr is not a terminal here: plain "NN% step" lines, ending at 100%.
    expect(created.stderr).toMatch(/^\d{1,3}% \S/m);
    // Messages only the cluster's event stream carries: the bar is fed by it, not by polling.
    expect(created.stderr).toMatch(/^\d+% Operation create started$/m);
    expect(created.stderr.trim().split('\n').at(-1)).toBe('100% done');

    const cluster = await herd.json(['clusters', 'show', clusterName]);
    expect(cluster).toMatchObject({ name: clusterName, status: 'AVAILABLE', provider: { kind: 'sim', variant: 'default' } });
    clusterId = cluster.id;
    expect(cluster.hostGroups.map((group: { name: string; nodes: unknown[] }) => [group.name, group.nodes.length])).toEqual([['master', 1], ['worker', 2]]);
    const table = await herd.ok(['clusters', 'show', clusterName]);
    expect(table.stdout).toMatch(/HOST GROUP\s+NODE\s+STATUS\s+ADDRESSES\s+COMPONENTS/);
    expect(table.stdout).toMatch(/worker\s+\S+-worker-1\s+RUNNING\s+\S+\s+DATANODE, NODEMANAGER/);
    const listed = await herd.json(['clusters', 'list']);
    expect(listed.map((item: { name: string }) => item.name)).toEqual([clusterName]);
  });

  it('scales a host group and waits for it', { timeout: 120_000 }, async () => {
    const operation = await herd.json(['clusters', 'scale', clusterName, 'worker', '3', '--wait']);
    expect(operation).toMatchObject({ type: 'scale', status: 'succeeded', percent: 100 });
    const cluster = await herd.json(['clusters', 'show', clusterName]);
    expect(cluster.hostGroups.find((group: { name: string }) => group.name === 'worker').nodes).toHaveLength(3);
    const operations = await herd.json(['clusters', 'operations', clusterName]);
    expect(operations.map((item: { type: string }) => item.type)).toEqual(['scale', 'create']);
    const yaml = (await herd.ok(['-o', 'yaml', 'operations', 'show', operations[0].id])).stdout;
    expect(parse(yaml)).toEqual(operations[0]);
    const events = await herd.json(['clusters', 'events', clusterName]);
    expect(events.filter((event: { type: string; message: string }) => event.type === 'operation').map((event: { message: string }) => event.message)).toEqual(
      expect.arrayContaining(['Operation create succeeded', 'Operation scale succeeded']),
    );
  });

  it('follows an operation by polling when the event stream is down, and draws the bar with --progress', { timeout: 120_000 }, async () => {
    const outage = await eventStreamOutage(app.baseUrl);
    try {
      const stopped = await herd.ok(['clusters', 'stop', clusterName, '--wait'], { HERD_URL: outage.baseUrl });
      expect(outage.refused()).toBeGreaterThan(0);
      expect(stopped.stdout).toMatch(/stop \S+: succeeded/);
      expect(stopped.stderr).not.toMatch(/Operation stop started/);
      expect(stopped.stderr.trim().split('\n').at(-1)).toBe('100% done');
    } finally {
      await outage.close();
    }
    const started = await herd.ok(['clusters', 'start', clusterName, '--wait', '--progress']);
    expect(started.stderr).toMatch(new RegExp(`start ${clusterName} \\[[^\\]]+\\] 100% \\| done`));
    expect(await herd.json(['clusters', 'show', clusterName])).toMatchObject({ status: 'AVAILABLE' });
  });

  it('exits 2 on bad usage and on a 400, printing each field with its reason and the correlation id', async () => {
    const unknownOption = await herd.run(['clusters', 'list', '--no-such-option']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option/);
    const badCount = await herd.run(['clusters', 'scale', clusterName, 'worker', 'many']);
    expect(badCount.code).toBe(2);

    const refused = await herd.run(['clusters', 'create', '--name', 'Not_A_Name', '--blueprint', BLUEPRINT, '--credential', credential, '--host-group', 'master=1', '--host-group', 'worker=20000']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/HTTP 400 VALIDATION_FAILED/);
    expect(refused.stderr).toMatch(/^ {2}name: \S/m);
    expect(refused.stderr).toMatch(/^ {2}hostGroups\[1\]\.nodeCount: \S/m);
    expect(refused.stderr).toMatch(/^correlation id: [0-9a-f-]{36}$/m);
    expect(refused.stdout).toBe('');
  });

  it("exits 1 with herd's reason when the operation fails, and a dry run refuses the same request with exit 2", { timeout: 120_000 }, async () => {
    const tooSmall = await simCredential(app, tenant, { nodeQuota: 1 });
    const request = ['--blueprint', BLUEPRINT, '--credential', tooSmall, '--host-group', 'master=1', '--host-group', 'worker=1'];
    const dryRun = await herd.run(['clusters', 'create', '--name', 'over-quota', ...request, '--dry-run']);
    expect(dryRun.code).toBe(2);
    expect(dryRun.stderr).toMatch(/quota of 1/);
    expect((await herd.ok(['clusters', 'create', '--name', 'fits', '--blueprint', BLUEPRINT, '--credential', credential, '--host-group', 'master=1', '--host-group', 'worker=1', '--dry-run'])).stdout).toMatch(/^valid: +true$/m);

    const failed = await herd.run(['clusters', 'create', '--name', 'over-quota', ...request, '--wait']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: create over-quota failed: Pre-flight checks failed on sim\/default: .*quota of 1/m);
    await herd.ok(['clusters', 'delete', 'over-quota', '--wait']);
  });

  it('exits 3 for a cluster that does not exist', async () => {
    const missing = await herd.run(['clusters', 'show', 'no-such-cluster']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/HTTP 404/);
    expect((await herd.run(['clusters', 'delete', 'no-such-cluster', '--wait'])).code).toBe(3);
  });

  it('imports a credential from a clouds.yaml entry and never prints its password', async () => {
    const created = await herd.ok(['-o', 'json', 'credentials', 'create', '--name', 'lab-cloud', '--from-clouds-yaml', CLOUDS_YAML, '--cloud', 'lab', '--variant', 'heat']);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'lab-cloud',
      provider: 'openstack',
      variant: 'heat',
      parameters: { authUrl: 'http://keystone.lab.example.test:5000/v3', username: 'hadoop-ops', projectName: 'analytics', password: '********' },
      secretFields: ['password'],
    });
    const shown = await herd.ok(['credentials', 'show', 'lab-cloud']);
    expect(shown.stdout).toMatch(/password:\s+\*{8}/);
    expect(created.stdout + created.stderr + shown.stdout).not.toContain(CLOUDS_PASSWORD);
    const names = (await herd.json(['credentials', 'list'])).map((item: { name: string }) => item.name);
    expect(names).toContain('lab-cloud');
    expect((await herd.run(['credentials', 'create', '--name', 'no-cloud', '--from-clouds-yaml', CLOUDS_YAML])).code).toBe(2);

    const fromEnv = await herd.json(['credentials', 'create', '--name', 'lab-env', '--from-env'], {
      OS_AUTH_URL: 'http://keystone.lab.example.test:5000/v3', OS_USERNAME: 'env-user', OS_PASSWORD: CLOUDS_PASSWORD, OS_PROJECT_NAME: 'analytics', OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default',
    });
    expect(fromEnv).toMatchObject({ provider: 'openstack', variant: 'nova', parameters: { username: 'env-user', password: '********' } });
    await herd.ok(['credentials', 'delete', 'lab-env']);
    expect((await herd.run(['credentials', 'show', 'lab-env'])).code).toBe(3);
  });

  it('validates blueprint files against the stack catalog without saving them', async () => {
    const good = await herd.json(['blueprints', 'validate', join(FIXTURES, 'blueprints', 'ambari-export-hdp26.json')]);
    expect(good).toMatchObject({ valid: true, stack: 'HADOOP 2.7' });
    const badFile = join(herd.home, 'bad-blueprint.json');
    writeFileSync(badFile, JSON.stringify({ Blueprints: { stack_name: 'HDP', stack_version: '2.6' }, host_groups: [{ name: 'master', components: [{ name: 'NAMENODE' }, { name: 'FLUX_CAPACITOR' }] }] }));
    const bad = await herd.run(['blueprints', 'validate', badFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/host_groups\[0\]\.components\[1\]\.name: is not a component of stack HDP 2.6/);
    expect((await herd.json(['blueprints', 'list'])).some((blueprint: { name: string }) => blueprint.name === 'bad-blueprint')).toBe(false);

    const imported = await herd.json(['blueprints', 'import', join(FIXTURES, 'blueprints', 'ambari-export-hdp26.json'), '--name', 'hdp26-export']);
    expect(imported).toMatchObject({ name: 'hdp26-export', builtIn: false, resolvedStack: { name: 'HADOOP', version: '2.7' } });
    expect((await herd.ok(['blueprints', 'show', 'hdp26-export'])).stdout).toMatch(/HOST GROUP\s+CARDINALITY\s+COMPONENTS/);
    await herd.ok(['blueprints', 'delete', 'hdp26-export']);
    expect((await herd.run(['blueprints', 'show', 'hdp26-export'])).code).toBe(3);
  });

  it('lists the providers with their capability table and shows one', async () => {
    const table = (await herd.ok(['providers', 'list'])).stdout;
    expect(table).toMatch(/^PROVIDER\s+stopStart\s+scale/);
    expect(table).toMatch(/^sim\/default\s+yes\s+yes/m);
    const sim = await herd.json(['providers', 'show', 'sim/default']);
    expect(sim).toMatchObject({ kind: 'sim', variant: 'default', capabilities: { scale: true } });
    expect((await herd.run(['providers', 'show', 'no-such-kind'])).code).toBe(2);
  });

  it('deletes the cluster with --wait while events --follow prints the deletion live', { timeout: 120_000 }, async () => {
    const follower = herd.start(['clusters', 'events', clusterName, '--follow']);
    try {
      await follower.waitForOutput(/Operation scale succeeded/);
      const deleted = await herd.ok(['clusters', 'delete', clusterName, '--wait']);
      expect(deleted.stdout).toMatch(/delete \S+: succeeded/);
      expect(await follower.waitForOutput(/operation +Operation delete succeeded/)).toMatch(/status +Status DELETING -> DELETED/);
    } finally {
      await follower.stop();
    }
    // A deleted cluster gives up its name; its id still reads it.
    expect(await herd.json(['clusters', 'show', clusterId])).toMatchObject({ name: clusterName, status: 'DELETED' });
  });

  it('prints a bash completion script that bash accepts and that knows the commands and options', async () => {
    const script = (await herd.ok(['completion', 'bash'])).stdout;
    const file = join(herd.home, 'herd-completion.bash');
    writeFileSync(file, script);
    execFileSync('bash', ['-n', file]);
    const completions = execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(herd clusters create --ho); COMP_CWORD=3; _herd; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    expect(completions.trim()).toBe('--host-group');
    expect((await herd.run(['completion', 'fish'])).code).toBe(2);
  });
});
