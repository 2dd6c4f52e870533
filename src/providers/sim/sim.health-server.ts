import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster, Redis } from 'ioredis';
import { simClusterFigures } from './sim.figures';
import { clusterInfo, clusterMetrics, dataNodeBeans, JmxBean, jvmBeans, nameNodeBeans, nodeInfo } from './sim.hadoop-responses';
import { simNodeHealthy, simNodeStatus } from './sim.mapper';
import { SimStore } from './sim.store';

export interface SimHealthServerOptions {
  redis: Redis | Cluster;
  keyPrefix: string;
  /** 0 (default) picks a free port; ports differ per process, so `describe` asks this server for its URL. */
  port?: number;
  host?: string;
}

const SERVICES: Record<string, string> = { NAMENODE: 'NameNode', DATANODE: 'DataNode', RESOURCEMANAGER: 'ResourceManager', NODEMANAGER: 'NodeManager' };

const PATH = /^\/clusters\/([^/]+)\/nodes\/([^/]+)\/([^/]+)(\/.*)$/;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `qry` of Hadoop's JMX servlet: a bean name, `*` matching anything. */
function filterBeans(beans: JmxBean[], query: string | null): JmxBean[] {
  if (!query) return beans;
  const pattern = new RegExp(`^${query.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return beans.filter((bean) => pattern.test(bean.name));
}

/**
 * Serves each simulated node's Hadoop web endpoints on loopback, computed from the cluster's state
 * in Redis at request time, so any process's server answers for any node and figures follow the
 * cluster (a stopped DataNode drops out of NumLiveDataNodes at once).
 */
export class SimHealthServer {
  private readonly store: SimStore;
  private server?: Server;
  private starting?: Promise<string>;

  constructor(private readonly options: SimHealthServerOptions) {
    this.store = new SimStore(options.redis, options.keyPrefix);
  }

  /** Starts listening if not yet, and gives the base URL, e.g. http://127.0.0.1:41234. */
  baseUrl(): Promise<string> {
    this.starting ??= new Promise<string>((resolve, reject) => {
      const server = createServer((request, response) => void this.handle(request, response));
      server.once('error', reject);
      const host = this.options.host ?? '127.0.0.1';
      server.listen(this.options.port ?? 0, host, () => {
        server.unref();
        this.server = server;
        resolve(`http://${host}:${(server.address() as AddressInfo).port}`);
      });
    });
    this.starting.catch(() => (this.starting = undefined));
    return this.starting;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpProblem(405, 'only GET is served');
      const url = new URL(request.url ?? '/', 'http://sim');
      const match = PATH.exec(url.pathname);
      if (!match) throw new HttpProblem(404, 'no such endpoint');
      const [tag, nodeName, component] = match.slice(1, 4).map(decodeURIComponent);
      send(response, 200, await this.answer(tag, nodeName, component, match[4], url.searchParams));
    } catch (error) {
      const status = error instanceof HttpProblem ? error.status : 500;
      send(response, status, { RemoteException: { exception: status === 503 ? 'ConnectException' : 'NotFoundException', message: error instanceof HttpProblem ? error.message : 'simulator state unavailable' } });
    }
  }

  private async answer(tag: string, nodeName: string, component: string, path: string, query: URLSearchParams): Promise<unknown> {
    const node = await this.store.node(tag, nodeName);
    if (!node || !node.record.components.includes(component)) throw new HttpProblem(404, `${nodeName} runs no ${component}`);
    const now = Date.now();
    if (!simNodeHealthy(node, now)) throw new HttpProblem(503, `${component} on ${nodeName} does not answer (node ${simNodeStatus(node, now)})`);
    const route = `${component} ${path}`;
    switch (route) {
      case 'NAMENODE /jmx':
        return { beans: filterBeans(nameNodeBeans(tag, simClusterFigures(await this.store.nodes(tag), now)), query.get('qry')) };
      case 'DATANODE /jmx':
        return { beans: filterBeans(dataNodeBeans(tag, node), query.get('qry')) };
      case 'RESOURCEMANAGER /ws/v1/cluster/metrics':
        return clusterMetrics(simClusterFigures(await this.store.nodes(tag), now), await this.store.workload(tag));
      case 'RESOURCEMANAGER /ws/v1/cluster':
      case 'RESOURCEMANAGER /ws/v1/cluster/info':
        return clusterInfo(tag, node.power?.at ?? node.record.createdAt);
      case 'NODEMANAGER /ws/v1/node':
      case 'NODEMANAGER /ws/v1/node/info':
        return nodeInfo(node);
      case 'ZOOKEEPER_SERVER /commands/ruok':
        return { command: 'ruok', error: null };
    }
    if (path === '/jmx') return { beans: filterBeans(jvmBeans(SERVICES[component] ?? component), query.get('qry')) };
    throw new HttpProblem(404, `${component} serves no ${path}`);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  response.end(json);
}
