import type { KeystoneSession } from '../keystone';
import { negotiateComputeMicroversion } from '../keystone';

/** Microversions herd speaks: 2.37 allows `networks: auto|none`, 2.64 the single `policy` of server groups. */
export const COMPUTE_MICROVERSIONS = { min: '2.37', max: '2.79' };

export interface NovaServer {
  id: string;
  name: string;
  status: string;
  created?: string;
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:power_state'?: number;
  metadata: Record<string, string>;
  addresses?: Record<string, { addr: string; version: number; 'OS-EXT-IPS:type'?: string }[]>;
  fault?: { message?: string; code?: number; details?: string };
}

export interface NovaFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
}

export interface ServerGroup {
  id: string;
  name: string;
  policy?: string;
  policies?: string[];
  members: string[];
}

/** The compute calls the adapters need, with the negotiated microversion on every request. */
export class NovaApi {
  private version?: Promise<string>;

  constructor(readonly session: KeystoneSession) {}

  microversion(): Promise<string> {
    this.version ??= negotiateComputeMicroversion(this.session, COMPUTE_MICROVERSIONS).catch((e) => {
      this.version = undefined;
      throw e;
    });
    return this.version;
  }

  private async call(method: string, path: string, body?: unknown, allow?: number[]) {
    const v = await this.microversion();
    return this.session.request('compute', {
      method,
      path,
      body,
      allow,
      headers: { 'OpenStack-API-Version': `compute ${v}`, 'X-OpenStack-Nova-API-Version': v },
    });
  }

  /** Servers whose name matches the regex (Nova filters names by regex), following pagination. */
  async listServers(nameRegex: string): Promise<NovaServer[]> {
    const out: NovaServer[] = [];
    let marker: string | undefined;
    for (;;) {
      const q = new URLSearchParams({ name: nameRegex, limit: '200' });
      if (marker) q.set('marker', marker);
      const res = await this.call('GET', `/servers/detail?${q}`);
      const page = ((res.body as { servers?: NovaServer[] }).servers ?? []) as NovaServer[];
      out.push(...page);
      if (page.length < 200) return out;
      marker = page[page.length - 1].id;
    }
  }

  async getServer(id: string): Promise<NovaServer | undefined> {
    const res = await this.call('GET', `/servers/${encodeURIComponent(id)}`, undefined, [404]);
    return res.status === 404 ? undefined : (res.body as { server: NovaServer }).server;
  }

  async createServer(server: Record<string, unknown>, hints?: Record<string, unknown>): Promise<string> {
    const body: Record<string, unknown> = { server };
    if (hints) body['os:scheduler_hints'] = hints;
    const res = await this.call('POST', '/servers', body);
    return (res.body as { server: { id: string } }).server.id;
  }

  async deleteServer(id: string): Promise<void> {
    await this.call('DELETE', `/servers/${encodeURIComponent(id)}`, undefined, [404]);
  }

  async action(id: string, action: Record<string, unknown>): Promise<void> {
    await this.call('POST', `/servers/${encodeURIComponent(id)}/action`, action);
  }

  async getUserData(id: string): Promise<string | undefined> {
    const res = await this.call('GET', `/servers/${encodeURIComponent(id)}`);
    const encoded = (res.body as { server: { 'OS-EXT-SRV-ATTR:user_data'?: string } }).server['OS-EXT-SRV-ATTR:user_data'];
    return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
  }

  async flavors(): Promise<NovaFlavor[]> {
    const res = await this.call('GET', '/flavors/detail?is_public=None');
    return (res.body as { flavors: NovaFlavor[] }).flavors;
  }

  async keypairExists(name: string): Promise<boolean> {
    const res = await this.call('GET', `/os-keypairs/${encodeURIComponent(name)}`, undefined, [404]);
    return res.status !== 404;
  }

  async availabilityZones(): Promise<string[]> {
    const res = await this.call('GET', '/os-availability-zone');
    const zones = (res.body as { availabilityZoneInfo?: { zoneName: string; zoneState: { available: boolean } }[] }).availabilityZoneInfo ?? [];
    return zones.filter((z) => z.zoneState?.available).map((z) => z.zoneName);
  }

  /** Absolute limits: `max*` and `total*Used`; -1 means unlimited. */
  async limits(): Promise<Record<string, number>> {
    const res = await this.call('GET', '/limits');
    return ((res.body as { limits?: { absolute?: Record<string, number> } }).limits?.absolute ?? {}) as Record<string, number>;
  }

  async serverGroups(): Promise<ServerGroup[]> {
    const res = await this.call('GET', '/os-server-groups?limit=1000');
    return (res.body as { server_groups: ServerGroup[] }).server_groups;
  }

  async createServerGroup(name: string, policy: string): Promise<ServerGroup> {
    const v = await this.microversion();
    const legacy = Number(v.split('.')[1]) < 64;
    const res = await this.call('POST', '/os-server-groups', { server_group: legacy ? { name, policies: [policy] } : { name, policy } });
    return (res.body as { server_group: ServerGroup }).server_group;
  }

  async deleteServerGroup(id: string): Promise<void> {
    await this.call('DELETE', `/os-server-groups/${encodeURIComponent(id)}`, undefined, [404]);
  }
}
