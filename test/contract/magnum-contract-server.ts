import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CertificateSigner } from '../support/docker-tls';

const sample = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, 'magnum-samples', name), 'utf8'));

export interface MagnumContractServer {
  url: string;
  /** Every request as `METHOD path` with its parsed body. */
  requests: { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

/** The COE behind the clusters: where `api_address` points once a cluster is complete, and its CA. */
export interface ContractCoe {
  apiAddress: string;
  /** The cluster CA: `GET /v1/certificates/{cluster}` answers its PEM. */
  ca: CertificateSigner;
  /** Who signs `POST /v1/certificates` requests; the cluster CA unless a test wants a rogue signer. */
  signer?: CertificateSigner;
}

/**
 * A Keystone + Magnum stand-in that answers with the samples of Magnum's api-ref: a template and a cluster
 * that go IN_PROGRESS -> COMPLETE after `settleAfter` reads, resize (or PATCH when `resizeAction` is false),
 * a delete that is refused with 409 `deleteConflicts` times first, and the certificate API: the cluster CA
 * and client certificates signed for a CSR, by the CA of the `coe` whose address a complete cluster shows.
 * With `halfDeletedReads`, the first reads of a cluster being deleted answer what Magnum answers once it
 * has removed the master node group but not yet the cluster: a 400 about master_count 0.
 */
export async function startMagnumContractServer(
  opts: { settleAfter?: number; resizeAction?: boolean; deleteConflicts?: number; halfDeletedReads?: number; coe?: ContractCoe } = {},
): Promise<MagnumContractServer> {
  const settleAfter = opts.settleAfter ?? 2;
  let deleteConflicts = opts.deleteConflicts ?? 1;
  const templates = new Map<string, Record<string, unknown>>();
  const clusters = new Map<string, { body: Record<string, unknown>; reads: number }>();
  const requests: MagnumContractServer['requests'] = [];
  let url = '';
  let seq = 0;

  const json = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, what: string) =>
    json(res, 404, { errors: [{ status: 404, code: 'client', title: `${what} could not be found`, detail: `${what} could not be found.` }] });
  const byNameOrId = <T extends Record<string, unknown>>(map: Map<string, T>, key: string, get: (v: T) => Record<string, unknown>) =>
    [...map.values()].find((v) => get(v).uuid === key || get(v).name === key);

  const handle = (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const path = (req.url ?? '').split('?')[0];
    requests.push({ method: req.method!, path, body });
    if (req.method === 'POST' && path === '/v3/auth/tokens') {
      return json(
        res,
        201,
        {
          token: {
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            project: { id: 'p-contract', name: 'contract' },
            catalog: [{ type: 'container-infra', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: `${url}/v1` }] }],
          },
        },
        { 'X-Subject-Token': 'contract-token' },
      );
    }
    if (req.headers['x-auth-token'] !== 'contract-token') return json(res, 401, { error: { message: 'no token' } });
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/clustertemplates') {
      const t = { ...sample('clustertemplate-create-resp.json'), ...(body as object), uuid: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}` };
      templates.set(t.uuid as string, t);
      return json(res, 201, t);
    }
    if ((m = /^\/v1\/clustertemplates\/([^/]+)$/.exec(path))) {
      const t = byNameOrId(templates, decodeURIComponent(m[1]), (v) => v);
      return t ? json(res, 200, t) : notFound(res, `ClusterTemplate ${m[1]}`);
    }
    if (req.method === 'POST' && path === '/v1/clusters') {
      const b = body as Record<string, unknown>;
      if (!b.cluster_template_id || !templates.has(b.cluster_template_id as string)) return notFound(res, `ClusterTemplate ${b.cluster_template_id}`);
      const uuid = `11111111-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
      // Magnum learns the COE's address from the finished stack
      const c = { ...sample('cluster-get-one-resp.json'), ...b, uuid, status: 'CREATE_IN_PROGRESS', status_reason: null, node_addresses: [], api_address: null };
      clusters.set(uuid, { body: c, reads: 0 });
      return json(res, 202, { ...sample('cluster-create-resp.json'), uuid });
    }
    if ((m = /^\/v1\/clusters\/([^/]+)(\/actions\/resize)?$/.exec(path))) {
      const entry = byNameOrId(clusters, decodeURIComponent(m[1]), (v) => v.body);
      if (!entry) return notFound(res, `Cluster ${m[1]}`);
      const c = entry.body;
      if (m[2]) {
        if (opts.resizeAction === false) return notFound(res, 'The resource');
        c.node_count = (body as { node_count: number }).node_count;
        c.status = 'UPDATE_IN_PROGRESS';
        entry.reads = 0;
        return json(res, 202, { uuid: c.uuid });
      }
      if (req.method === 'GET') {
        if (c.status === 'DELETE_IN_PROGRESS' && entry.reads < (opts.halfDeletedReads ?? 0)) {
          entry.reads++;
          const title = "Invalid input for field/attribute master_count. Value: '0'. Value should be greater or equal to 1";
          return json(res, 400, { errors: [{ request_id: '', code: 'client', status: 400, title, detail: title, links: [] }] });
        }
        if (String(c.status).endsWith('_IN_PROGRESS') && ++entry.reads >= settleAfter) {
          if (c.status === 'DELETE_IN_PROGRESS') {
            clusters.delete(c.uuid as string);
            return notFound(res, `Cluster ${m[1]}`);
          }
          c.status = String(c.status).replace('_IN_PROGRESS', '_COMPLETE');
          c.status_reason = `Stack ${String(c.status).split('_')[0]} completed successfully`;
          c.node_addresses = Array.from({ length: c.node_count as number }, (_, i) => `172.24.4.${13 + i}`);
          c.api_address = opts.coe?.apiAddress ?? sample('cluster-get-one-resp.json').api_address;
        }
        return json(res, 200, c);
      }
      if (req.method === 'PATCH') {
        const ops = body as { op: string; path: string; value: number }[];
        const template = sample('cluster-update-req.json') as unknown as { op: string; path: string }[];
        if (!Array.isArray(ops) || ops.length !== 1 || ops[0].op !== template[0].op || ops[0].path !== template[0].path) {
          return json(res, 400, { errors: [{ status: 400, title: 'Bad Request', detail: 'unexpected patch' }] });
        }
        c.node_count = ops[0].value;
        c.status = 'UPDATE_IN_PROGRESS';
        entry.reads = 0;
        return json(res, 202, { uuid: c.uuid });
      }
      if (req.method === 'DELETE') {
        if (deleteConflicts > 0) {
          deleteConflicts--;
          return json(res, 409, { errors: [{ status: 409, title: 'Conflict', detail: `Cluster ${c.uuid} already has an operation in progress.` }] });
        }
        c.status = 'DELETE_IN_PROGRESS';
        entry.reads = 0;
        return json(res, 204);
      }
    }
    if (req.method === 'GET' && (m = /^\/v1\/certificates\/([^/]+)$/.exec(path))) {
      const entry = byNameOrId(clusters, decodeURIComponent(m[1]), (v) => v.body);
      if (!entry) return notFound(res, `Cluster ${m[1]}`);
      if (!opts.coe) return json(res, 400, { errors: [{ status: 400, title: 'Bad Request', detail: 'this stand-in has no cluster CA' }] });
      const uuid = entry.body.uuid as string;
      return json(res, 200, { ...sample('certificates-ca-show-resp.json'), cluster_uuid: uuid, pem: opts.coe.ca.caPem, links: certificateLinks(uuid) });
    }
    if (req.method === 'POST' && path === '/v1/certificates') {
      const b = (body ?? {}) as Record<string, unknown>;
      const expected = Object.keys(sample('certificates-ca-sign-req.json')).sort();
      if (JSON.stringify(Object.keys(b).sort()) !== JSON.stringify(expected) || typeof b.csr !== 'string') {
        return json(res, 400, { errors: [{ status: 400, title: 'Bad Request', detail: `expected a body with ${expected.join(', ')}` }] });
      }
      const entry = byNameOrId(clusters, String(b.cluster_uuid), (v) => v.body);
      // Magnum answers 400, not 404, for an unknown cluster in a POST body
      if (!entry) return json(res, 400, { errors: [{ status: 400, title: 'Bad Request', detail: `Cluster ${b.cluster_uuid} could not be found.` }] });
      if (!opts.coe) return json(res, 400, { errors: [{ status: 400, title: 'Bad Request', detail: 'this stand-in has no cluster CA' }] });
      const uuid = entry.body.uuid as string;
      const pem = (opts.coe.signer ?? opts.coe.ca).sign(b.csr);
      return json(res, 201, { ...sample('certificates-ca-sign-resp.json'), cluster_uuid: uuid, pem, csr: b.csr, links: certificateLinks(uuid) });
    }
    return notFound(res, `${req.method} ${path}`);
  };
  const certificateLinks = (uuid: string) => [
    { href: `${url}/v1/certificates/${uuid}`, rel: 'self' },
    { href: `${url}/certificates/${uuid}`, rel: 'bookmark' },
  ];

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => handle(req, res, raw ? JSON.parse(raw) : undefined));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
