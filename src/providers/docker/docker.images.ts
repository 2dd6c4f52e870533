import { FatalProviderError, type ApplyHooks } from '../spi';
import type { DockerClient } from './docker.client';
import type { PullPolicy } from './docker.descriptor';

/**
 * Makes sure the engine has every image before anything is created. `never` only looks (and never
 * pulls), `ifNotPresent` pulls what is missing, `always` pulls each image once per launch.
 */
export async function ensureImages(client: Pick<DockerClient, 'hasImage' | 'pull'>, policy: PullPolicy, references: string[], hooks: Pick<ApplyHooks, 'progress'>): Promise<void> {
  for (const reference of new Set(references)) {
    if (policy === 'always' || (policy === 'ifNotPresent' && !(await client.hasImage(reference)))) {
      hooks.progress?.(`pulling image ${reference}`);
      await client.pull(reference);
      continue;
    }
    if (!(await client.hasImage(reference))) {
      throw new FatalProviderError(`Image ${reference} is not on the Docker engine and the credential's pull policy is ${policy}`);
    }
  }
}
