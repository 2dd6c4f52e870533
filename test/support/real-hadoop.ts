import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { expect } from 'vitest';
import { LABEL } from '../../src/providers/docker/docker.labels';
import { rawDocker } from './docker-engine';
import type { realHadoopBlueprint } from './real-hadoop-blueprint';
import type { TestApp, TestTenant } from './test-app';

/** Built by scripts/hadoop-image.sh from Debian's Java 17 and Apache Hadoop's jars on Maven Central. */
export const HADOOP_IMAGE = 'herd/hadoop:3.5.0';
/** A first build runs debootstrap and Maven; later calls find the image and return in seconds. */
export const IMAGE_BUILD_TIMEOUT_MS = 900_000;

export function ensureHadoopImage(): void {
  execFileSync('bash', ['scripts/hadoop-image.sh'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: `${__dirname}/../..` });
}

export async function importBlueprint(app: TestApp, tenant: TestTenant, document: ReturnType<typeof realHadoopBlueprint>): Promise<string> {
  const res = await request(app.baseUrl).post('/v1/blueprints').set('Authorization', tenant.auth).send(document);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in a container, as `docker exec` would, and waits for it to end. */
export async function execIn(containerId: string, command: string[]): Promise<ExecResult> {
  const docker = rawDocker();
  const exec = await docker.getContainer(containerId).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** The container running `component` on the node, found by herd's labels. */
export async function componentContainer(clusterId: string, node: string, component: string): Promise<string> {
  const [found] = await rawDocker().listContainers({
    all: true,
    filters: { label: [`${LABEL.cluster}=${clusterId}`, `${LABEL.node}=${node}`, `${LABEL.component}=${component}`] },
  });
  if (!found) throw new Error(`no ${component} container on ${node}`);
  return found.Id;
}

interface NodeView {
  name: string;
  addresses: { private?: string };
  components: { name: string; endpoint?: string }[];
}

/** Node names to their private addresses, as herd's API shows them: node names resolve only inside the cluster network. */
export function addressBook(cluster: { hostGroups: { nodes: NodeView[] }[] }): Map<string, string> {
  return new Map(cluster.hostGroups.flatMap((group) => group.nodes.filter((node) => node.addresses.private).map((node) => [node.name, node.addresses.private!] as [string, string])));
}

export function endpointOf(cluster: { hostGroups: { nodes: NodeView[] }[] }, component: string): string {
  const endpoint = cluster.hostGroups.flatMap((group) => group.nodes).flatMap((node) => node.components).find((c) => c.name === component)?.endpoint;
  if (!endpoint) throw new Error(`no endpoint for ${component}`);
  return endpoint;
}

/**
 * WebHDFS as a client outside the cluster uses it: ask the NameNode where to go (`noredirect`),
 * then talk to that DataNode, whose host name is swapped for its address.
 */
export class WebHdfs {
  constructor(
    private readonly namenode: string,
    private readonly addresses: Map<string, string>,
  ) {}

  async create(path: string, data: Buffer, replication: number): Promise<void> {
    const location = await this.locate('PUT', `${path}?op=CREATE&overwrite=true&replication=${replication}&user.name=root&noredirect=true`);
    // node:http, not fetch: the DataNode answers "100 Continue" unasked, which fetch takes for a bad response.
    const { status, body } = await put(location, data);
    if (status !== 201) throw new Error(`WebHDFS CREATE ${path} on a DataNode: ${status} ${body}`);
  }

  async read(path: string): Promise<Buffer> {
    const location = await this.locate('GET', `${path}?op=OPEN&user.name=root&noredirect=true`);
    const res = await fetch(location);
    if (res.status !== 200) throw new Error(`WebHDFS OPEN ${path} on a DataNode: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async status(path: string): Promise<{ replication: number; length: number }> {
    const res = await fetch(`${this.namenode}/webhdfs/v1${path}?op=GETFILESTATUS&user.name=root`);
    if (res.status !== 200) throw new Error(`WebHDFS GETFILESTATUS ${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { FileStatus: { replication: number; length: number } }).FileStatus;
  }

  private async locate(method: string, pathAndQuery: string): Promise<string> {
    const res = await fetch(`${this.namenode}/webhdfs/v1${pathAndQuery}`, { method });
    if (res.status !== 200 && res.status !== 307) throw new Error(`WebHDFS ${method} ${pathAndQuery} on the NameNode: ${res.status} ${await res.text()}`);
    const url = new URL(((await res.json()) as { Location: string }).Location);
    const address = this.addresses.get(url.hostname);
    if (address) url.hostname = address;
    return url.toString();
  }
}

function put(url: string, data: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': data.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A bean of the NameNode's JMX servlet. */
export async function namenodeBean(namenode: string, name: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${namenode}/jmx?qry=${encodeURIComponent(`Hadoop:service=NameNode,name=${name}`)}`);
  const body = (await res.json()) as { beans: Record<string, unknown>[] };
  return body.beans[0] ?? {};
}
