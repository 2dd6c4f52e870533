import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OpenStackCredentials } from './credentials';
import { fromCloudsYaml } from './import-credentials';

/**
 * A clouds.yaml entry read from disk, for code that runs where the file is (tests, benches, local
 * tools): the `cacert`, `cert` and `key` files it names are read too, a relative path taken from
 * the clouds.yaml's folder. The API cannot do this and takes the PEM text instead.
 */
export function fromCloudsYamlFile(path: string, cloud: string, securePath?: string): OpenStackCredentials {
  const folder = dirname(path);
  return fromCloudsYaml(readFileSync(path, 'utf8'), cloud, securePath ? readFileSync(securePath, 'utf8') : undefined, (file) =>
    readFileSync(resolve(folder, file), 'utf8'),
  );
}
