import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromCloudsYamlFile, type OpenStackCredentials } from '../../src/providers/openstack/keystone';

const CLOUDS = join(__dirname, '..', '..', '.tmp', 'openstack', 'clouds.yaml');

export interface OpenStackTestEnv {
  user: OpenStackCredentials;
  admin: OpenStackCredentials;
}

/**
 * The loopback OpenStack started by scripts/openstack.sh, or the reason it is not usable
 * (then the contract specs skip with that reason). Synchronous so `describe.skipIf` can use it.
 */
export function openstackTestEnv(): { env?: OpenStackTestEnv; reason?: string } {
  if (!existsSync(CLOUDS)) return { reason: 'OpenStack is not set up: run scripts/openstack.sh (no .tmp/openstack/clouds.yaml)' };
  const user = fromCloudsYamlFile(CLOUDS, 'herd-test');
  const admin = fromCloudsYamlFile(CLOUDS, 'herd-admin');
  const probe = spawnSync(
    process.execPath,
    ['-e', 'fetch(process.argv[1],{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.status<500?0:2),()=>process.exit(1))', user.authUrl],
    { timeout: 5000 },
  );
  if (probe.status !== 0) return { reason: `Keystone is not up at ${user.authUrl}: run scripts/openstack.sh` };
  return { env: { user, admin } };
}

export function skipMessage(reason: string): void {
  console.warn(`SKIPPED OpenStack contract tests: ${reason}`);
}
