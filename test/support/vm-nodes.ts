import type { NovaApi } from '../../src/providers/openstack/nova/nova.client';
import { playVm, type VmRun } from './vm-player';

interface ApiNode {
  name: string;
  providerId: string | null;
}

export interface PlayedNode {
  name: string;
  providerId: string;
  /** The callback URL the user_data holds. */
  callbackUrl: string;
  token: string;
  run: VmRun;
}

/**
 * Plays every VM of a cluster as soon as its server shows in the API: reads its user_data from Nova
 * (an admin-only attribute), points its callback at `callbackUrl` and runs it. Each server is played once.
 */
export class VmNodes {
  readonly played = new Map<string, PlayedNode>();

  constructor(
    private readonly adminNova: NovaApi,
    private readonly callbackUrl: string,
  ) {}

  /** Plays the servers among `nodes` not played yet; returns those played now. */
  async playNew(nodes: ApiNode[]): Promise<PlayedNode[]> {
    const fresh = nodes.filter((node) => node.providerId && !this.played.has(node.providerId));
    const done = await Promise.all(fresh.map((node) => this.play(node.name, node.providerId!)));
    return done.filter((node): node is PlayedNode => node !== undefined);
  }

  private async play(name: string, providerId: string): Promise<PlayedNode | undefined> {
    const userData = await this.adminNova.getUserData(providerId).catch(() => undefined);
    if (!userData || this.played.has(providerId)) return undefined;
    const callbackUrl = /^HERD_URL='([^']*)'$/m.exec(userData)?.[1] ?? '';
    const token = /^HERD_TOKEN='([^']*)'$/m.exec(userData)?.[1] ?? '';
    const entry: PlayedNode = { name, providerId, callbackUrl, token, run: undefined as unknown as VmRun };
    this.played.set(providerId, entry);
    entry.run = await playVm(userData.replace(/^HERD_URL=.*$/m, `HERD_URL='${this.callbackUrl}'`));
    return entry;
  }
}
