import type { KeystoneSession } from '../keystone';

/** Magnum accepts `latest`; herd needs 1.7+ for the resize action and falls back to PATCH below it. */
const VERSION_HEADER = { 'OpenStack-API-Version': 'container-infra latest' };

export interface MagnumClusterTemplate {
  uuid: string;
  name: string;
  coe: string;
  /** True: the COE's API is plain TCP, without certificates. */
  tls_disabled?: boolean;
}

/** `GET /v1/certificates/{cluster}` and `POST /v1/certificates` (api-ref: certificates.inc). */
export interface MagnumCertificate {
  cluster_uuid: string;
  pem: string;
  csr?: string;
}

export interface MagnumCluster {
  uuid: string;
  name: string;
  status: string;
  status_reason?: string | null;
  node_count: number;
  master_count: number;
  node_addresses?: string[];
  master_addresses?: string[];
  api_address?: string | null;
  stack_id?: string | null;
  cluster_template_id: string;
}

export class MagnumApi {
  constructor(readonly session: KeystoneSession) {}

  private call(method: string, path: string, body?: unknown, allow?: number[], headers: Record<string, string> = {}) {
    return this.session.request('container-infra', { method, path, body, allow, headers: { ...VERSION_HEADER, ...headers } });
  }

  async template(nameOrId: string): Promise<MagnumClusterTemplate | undefined> {
    const res = await this.call('GET', `/clustertemplates/${encodeURIComponent(nameOrId)}`, undefined, [404]);
    return res.status === 404 ? undefined : (res.body as MagnumClusterTemplate);
  }

  async createTemplate(body: Record<string, unknown>): Promise<MagnumClusterTemplate> {
    const res = await this.call('POST', '/clustertemplates', body);
    return res.body as MagnumClusterTemplate;
  }

  async deleteTemplate(id: string): Promise<void> {
    await this.call('DELETE', `/clustertemplates/${encodeURIComponent(id)}`, undefined, [404]);
  }

  async cluster(nameOrId: string): Promise<MagnumCluster | undefined> {
    const res = await this.call('GET', `/clusters/${encodeURIComponent(nameOrId)}`, undefined, [404]);
    return res.status === 404 ? undefined : (res.body as MagnumCluster);
  }

  async createCluster(body: Record<string, unknown>): Promise<string> {
    const res = await this.call('POST', '/clusters', body);
    return (res.body as { uuid: string }).uuid;
  }

  /** Resize (API 1.7+), or a JSON-patch of node_count where the resize action is missing. */
  async setNodeCount(id: string, nodeCount: number): Promise<'resize' | 'patch'> {
    const res = await this.call('POST', `/clusters/${encodeURIComponent(id)}/actions/resize`, { node_count: nodeCount }, [404, 405, 406]);
    if (res.status < 400) return 'resize';
    await this.call('PATCH', `/clusters/${encodeURIComponent(id)}`, [{ op: 'replace', path: '/node_count', value: nodeCount }]);
    return 'patch';
  }

  /** The cluster's CA certificate (PEM). */
  async clusterCa(clusterUuid: string): Promise<string> {
    const res = await this.call('GET', `/certificates/${encodeURIComponent(clusterUuid)}`);
    return (res.body as MagnumCertificate).pem;
  }

  /** Asks the cluster's CA to sign a client certificate request; answers the certificate (PEM). */
  async signClientCertificate(clusterUuid: string, csr: string): Promise<string> {
    const res = await this.call('POST', '/certificates', { cluster_uuid: clusterUuid, csr });
    return (res.body as MagnumCertificate).pem;
  }

  async deleteCluster(id: string): Promise<void> {
    await this.call('DELETE', `/clusters/${encodeURIComponent(id)}`, undefined, [404]);
  }
}
