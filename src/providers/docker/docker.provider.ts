import type { ProviderAdapter, ProviderConnection } from '../spi';
import { DockerClient } from './docker.client';
import { DOCKER_DESCRIPTOR, type DockerParameters } from './docker.descriptor';
import { DockerConnection } from './docker.connection';

/** The `docker` provider: herd nodes as container groups on one Docker Engine. */
export class DockerProviderAdapter implements ProviderAdapter {
  readonly descriptor = DOCKER_DESCRIPTOR;

  connect(parameters: Record<string, unknown>): ProviderConnection {
    const dockerParameters = parameters as DockerParameters;
    return new DockerConnection(new DockerClient(dockerParameters), dockerParameters.pullPolicy ?? 'never', dockerParameters.networkDriver ?? 'auto');
  }
}

export const dockerProvider = new DockerProviderAdapter();
