import Docker from 'dockerode';
import { NotFoundError } from '../spi';
import { dockerEndpoint, type DockerParameters } from './docker.descriptor';
import { translateDockerError } from './docker.errors';
import type { EngineInfo } from './docker.network';

const REQUEST_TIMEOUT_MS = 60_000;

export interface EngineVersion {
  version: string;
  apiVersion: string;
}

/**
 * The adapter's only door to the Docker Engine API: a thin dockerode wrapper whose every call
 * turns engine and transport failures into SPI errors. It never pulls on its own.
 */
export class DockerClient {
  readonly endpoint: string;
  private readonly docker: Docker;

  constructor(parameters: DockerParameters) {
    this.endpoint = dockerEndpoint(parameters).url;
    if (parameters.socketPath) {
      this.docker = new Docker({ socketPath: parameters.socketPath, timeout: REQUEST_TIMEOUT_MS });
    } else {
      const { protocol, port } = new URL(this.endpoint);
      const tls = parameters.tls;
      this.docker = new Docker({
        host: parameters.host,
        port: Number(port),
        protocol: protocol === 'https:' ? 'https' : 'http',
        ca: tls?.ca,
        cert: tls?.cert,
        key: tls?.key,
        timeout: REQUEST_TIMEOUT_MS,
      });
    }
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translateDockerError(error, action);
    }
  }

  async version(): Promise<EngineVersion> {
    await this.call('ping the engine', () => this.docker.ping());
    const info = await this.call('read the engine version', () => this.docker.version());
    return { version: info.Version, apiVersion: info.ApiVersion };
  }

  /** `GET /info`: tells a classic Swarm manager from a single engine. */
  info(): Promise<EngineInfo> {
    return this.call('read the engine information', () => this.docker.info() as Promise<EngineInfo>);
  }

  listContainers(filters: Record<string, string[]>): Promise<Docker.ContainerInfo[]> {
    return this.call('list containers', () => this.docker.listContainers({ all: true, filters }));
  }

  inspectContainer(idOrName: string): Promise<Docker.ContainerInspectInfo> {
    return this.call(`inspect container ${idOrName}`, () => this.docker.getContainer(idOrName).inspect());
  }

  async createContainer(options: Docker.ContainerCreateOptions): Promise<string> {
    const container = await this.call(`create container ${options.name}`, () => this.docker.createContainer(options));
    return container.id;
  }

  /** Copies a tar archive into a created container, before it starts (Hadoop config files). */
  async putArchive(id: string, path: string, archive: Buffer): Promise<void> {
    await this.call(`copy files into container ${id}`, () => this.docker.getContainer(id).putArchive(archive, { path }));
  }

  async startContainer(id: string): Promise<void> {
    await this.call(`start container ${id}`, async () => {
      try {
        await this.docker.getContainer(id).start();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 304) throw error;
      }
    });
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    await this.call(`stop container ${id}`, async () => {
      try {
        await this.docker.getContainer(id).stop({ t: timeoutSeconds });
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 304) throw error;
      }
    });
  }

  /** Force-removes a container and its anonymous volumes; a container already gone is fine. */
  async removeContainer(id: string): Promise<void> {
    await this.ignoreMissing(() => this.call(`remove container ${id}`, () => this.docker.getContainer(id).remove({ force: true, v: true })));
  }

  /** Runs a command in a running container and waits for it to end (at most `timeoutMs`). */
  async exec(id: string, command: string[], timeoutMs: number): Promise<{ exitCode: number; output: string }> {
    return this.call(`run ${command[0]} in container ${id}`, async () => {
      const exec = await this.docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({});
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stream.destroy();
          reject(Object.assign(new Error(`${command.join(' ')} did not end within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
        }, timeoutMs);
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          clearTimeout(timer);
          resolve();
        });
        stream.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      const { ExitCode } = await exec.inspect();
      return { exitCode: ExitCode ?? -1, output: demultiplex(Buffer.concat(chunks)) };
    });
  }

  /** The last lines of a container's output, stdout and stderr interleaved. */
  async logTail(id: string, lines: number): Promise<string> {
    const raw = await this.call(`read the logs of container ${id}`, () =>
      this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false }),
    );
    return demultiplex(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
  }

  listNetworks(filters: Record<string, string[]>): Promise<Docker.NetworkInspectInfo[]> {
    return this.call('list networks', () => this.docker.listNetworks({ filters }));
  }

  async createNetwork(options: Docker.NetworkCreateOptions): Promise<string> {
    const network = await this.call(`create network ${options.Name}`, () => this.docker.createNetwork(options));
    return network.id;
  }

  async removeNetwork(id: string): Promise<void> {
    await this.ignoreMissing(() => this.call(`remove network ${id}`, () => this.docker.getNetwork(id).remove()));
  }

  async listVolumes(filters: Record<string, string[]>): Promise<Docker.VolumeInspectInfo[]> {
    const answer = await this.call('list volumes', () => this.docker.listVolumes({ filters }));
    return answer.Volumes ?? [];
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<string> {
    const volume = await this.call(`create volume ${name}`, () => this.docker.createVolume({ Name: name, Labels: labels }));
    return (volume as unknown as { Name: string }).Name ?? name;
  }

  async removeVolume(name: string): Promise<void> {
    await this.ignoreMissing(() => this.call(`remove volume ${name}`, () => this.docker.getVolume(name).remove({ force: true })));
  }

  /** Whether the engine has the image; never pulls. */
  async hasImage(reference: string): Promise<boolean> {
    return this.call(`inspect image ${reference}`, async () => {
      try {
        await this.docker.getImage(reference).inspect();
        return true;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return false;
        throw error;
      }
    });
  }

  /** Asks the engine to pull an image and waits for the end of its progress stream. */
  async pull(reference: string): Promise<void> {
    await this.call(`pull image ${reference}`, async () => {
      const stream = await this.docker.pull(reference);
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
          const failed = output?.find((event) => event.error);
          if (error) reject(error);
          else if (failed) reject(Object.assign(new Error(failed.error), { statusCode: /not found|manifest unknown/i.test(failed.error ?? '') ? 404 : 500, json: { message: failed.error } }));
          else resolve();
        });
      });
    });
  }

  private async ignoreMissing(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}

/** Without a TTY the engine frames each chunk: 1 byte stream, 3 zero bytes, 4 bytes big-endian length. */
export function demultiplex(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length && raw[offset] <= 2 && raw.readUIntBE(offset + 1, 3) === 0) {
    const length = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  if (offset === 0) return raw.toString('utf8');
  return Buffer.concat(parts).toString('utf8');
}
