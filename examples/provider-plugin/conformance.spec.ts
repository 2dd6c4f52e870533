import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QuotaExceededError } from '../../src/providers/spi';
import type { ProviderAdapter } from '../../src/providers/spi';
import { runProviderConformance } from '../../src/providers/spi/conformance';

// Loaded the way herd loads a plugin: Node's require of the package's `main`.
const plugin = createRequire(__filename)('./') as { adapters: ProviderAdapter[] };

async function accountDirectory(account: { secret: string; maxNodes?: number }): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'herd-example-plugin-'));
  await writeFile(path.join(directory, '.herd-backend'), JSON.stringify(account));
  return directory;
}

const directories: string[] = [];

runProviderConformance(
  async () => {
    const [working, small] = await Promise.all([accountDirectory({ secret: 's3cret' }), accountDirectory({ secret: 's3cret', maxNodes: 1 })]);
    directories.push(working, small);
    return {
      adapter: plugin.adapters[0],
      parameters: { directory: working, secret: 's3cret', bootMs: 150 },
      cleanup: async () => {
        await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
      },
    };
  },
  {
    name: 'herd-provider-example (files)',
    pollIntervalMs: 50,
    statusTimeoutMs: 10_000,
    authFailure: (working) => ({ ...working, secret: 'wrong' }),
    faults: [{ name: 'an account with room for one node', parameters: (working) => ({ ...working, directory: directories[1] }), expect: QuotaExceededError }],
  },
);
