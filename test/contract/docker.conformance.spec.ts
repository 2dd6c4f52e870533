import { dockerProvider } from '../../src/providers/docker';
import { FatalProviderError, RetryableProviderError } from '../../src/providers/spi';
import { defaultComponents, runProviderConformance } from '../../src/providers/spi/conformance';
import { dockerTlsEndpoint } from '../support/docker-tls';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, testDockerParameters } from '../support/docker-engine';

runProviderConformance(
  async () => {
    await ensureDockerEngine();
    return { adapter: dockerProvider, parameters: { ...testDockerParameters() } };
  },
  {
    name: 'docker (real engine)',
    hostGroups: [
      { name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER'], TEST_IMAGE) },
      { name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE', 'NODEMANAGER'], TEST_IMAGE) },
    ],
    pollIntervalMs: 250,
    statusTimeoutMs: 60_000,
    testTimeoutMs: ENGINE_START_TIMEOUT_MS,
    // The engine's TLS listener refuses a client certificate from another CA.
    authFailure: () => {
      const tls = dockerTlsEndpoint();
      return { host: tls.host, port: tls.port, tls: tls.rogue };
    },
    faults: [
      {
        name: 'an image missing from the engine (pull policy never)',
        hostGroups: [{ name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE'], 'herd/absent:1') }],
        expect: FatalProviderError,
      },
      { name: 'an engine that does not answer', parameters: { socketPath: '/run/herd-no-such-engine.sock' }, during: 'describe', expect: RetryableProviderError },
    ],
  },
);
