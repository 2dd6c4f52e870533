import type { Cluster, Redis } from 'ioredis';
import type { SimNodeRecord, SimNodeState, SimPowerState } from './sim.record';
import { LAUNCH_SCRIPT, POWER_SCRIPT, TEARDOWN_SCRIPT, TERMINATE_SCRIPT } from './sim.scripts';

/** What the simulated ResourceManager reports as its load (set by tests and demos). */
export interface SimWorkload {
  appsPending: number;
  containersPending: number;
  /** Memory YARN has handed out; capped at the cluster's total. */
  allocatedMB: number;
}

export const IDLE_WORKLOAD: SimWorkload = { appsPending: 0, containersPending: 0, allocatedMB: 0 };

export interface LaunchOutcome {
  /** Every node of the batch that exists now, with its provider id; `created` is false when an earlier call made it. */
  nodes: { name: string; providerId: string; created: boolean }[];
  /** The account's quota stopped the batch before its end. */
  quotaExceeded: boolean;
}

interface SimCommands {
  herdSimLaunch(nodes: string, power: string, crashed: string, ...args: (string | number)[]): Promise<(string | number)[]>;
  herdSimTerminate(nodes: string, power: string, crashed: string, ...args: string[]): Promise<number>;
  herdSimTeardown(nodes: string, power: string, crashed: string, ...args: string[]): Promise<number>;
  herdSimPower(nodes: string, power: string, crashed: string, ...args: (string | number)[]): Promise<number>;
}

const SCRIPTS = { herdSimLaunch: LAUNCH_SCRIPT, herdSimTerminate: TERMINATE_SCRIPT, herdSimTeardown: TEARDOWN_SCRIPT, herdSimPower: POWER_SCRIPT };

function parsePower(raw: string | undefined): SimPowerState | undefined {
  if (!raw) return undefined;
  const [flag, at] = raw.split(':');
  return { powered: flag === '1', at: Number(at) };
}

/**
 * The sim's state in Redis: per cluster tag a hash of node records, a hash of power changes and
 * a hash of crashes; per account a set of its nodes for quota counting. Every read of a cluster
 * is one pipelined round trip and every write one script, whatever the cluster's size.
 */
export class SimStore {
  private readonly redis: (Redis | Cluster) & SimCommands;

  constructor(
    redis: Redis | Cluster,
    private readonly keyPrefix: string,
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 3, lua });
    }
    this.redis = redis as (Redis | Cluster) & SimCommands;
  }

  private clusterKeys(tag: string): [string, string, string] {
    const base = `${this.keyPrefix}:sim:cluster:${tag}`;
    return [`${base}:nodes`, `${base}:power`, `${base}:crashed`];
  }

  private accountSetPrefix(): string {
    return `${this.keyPrefix}:sim:account:`;
  }

  private member(tag: string): string {
    return `${tag}/`;
  }

  async launch(tag: string, records: SimNodeRecord[], account: string, quota: number | undefined): Promise<LaunchOutcome> {
    if (records.length === 0) return { nodes: [], quotaExceeded: false };
    const args = records.flatMap((record) => [record.name, JSON.stringify(record)]);
    const reply = await this.redis.herdSimLaunch(...this.clusterKeys(tag), this.accountSetPrefix() + account, quota ?? -1, this.member(tag), ...args);
    const nodes: LaunchOutcome['nodes'] = [];
    for (let i = 0; i + 2 < reply.length; i += 3) nodes.push({ name: String(reply[i]), providerId: String(reply[i + 1]), created: Number(reply[i + 2]) === 1 });
    return { nodes, quotaExceeded: Number(reply[reply.length - 1]) === 1 };
  }

  async terminate(tag: string, names: string[]): Promise<number> {
    if (names.length === 0) return 0;
    return this.redis.herdSimTerminate(...this.clusterKeys(tag), this.accountSetPrefix(), this.member(tag), ...names);
  }

  async teardown(tag: string): Promise<number> {
    await this.redis.del(this.workloadKey(tag));
    return this.redis.herdSimTeardown(...this.clusterKeys(tag), this.accountSetPrefix(), this.member(tag));
  }

  async setWorkload(tag: string, workload: SimWorkload): Promise<void> {
    await this.redis.set(this.workloadKey(tag), JSON.stringify(workload));
  }

  async workload(tag: string): Promise<SimWorkload> {
    const raw = await this.redis.get(this.workloadKey(tag));
    return raw ? { ...IDLE_WORKLOAD, ...(JSON.parse(raw) as Partial<SimWorkload>) } : IDLE_WORKLOAD;
  }

  private workloadKey(tag: string): string {
    return `${this.keyPrefix}:sim:cluster:${tag}:workload`;
  }

  /** Powers nodes on or off; nodes already in that state, or gone, are left alone. */
  async setPower(tag: string, names: string[], powered: boolean, at: number): Promise<number> {
    if (names.length === 0) return 0;
    return this.redis.herdSimPower(...this.clusterKeys(tag), powered ? '1' : '0', at, ...names);
  }

  /** Marks nodes as crashed hosts (for tests and chaos drills); a stop or start clears it. */
  async crash(tag: string, names: string[], at: number): Promise<void> {
    const [nodes, , crashed] = this.clusterKeys(tag);
    const present = await this.redis.hmget(nodes, ...names);
    const hits = names.filter((_, i) => present[i] !== null);
    if (hits.length > 0) await this.redis.hset(crashed, Object.fromEntries(hits.map((name) => [name, String(at)])));
  }

  async nodes(tag: string): Promise<SimNodeState[]> {
    const [nodesKey, powerKey, crashedKey] = this.clusterKeys(tag);
    const replies = await this.redis.multi().hgetall(nodesKey).hgetall(powerKey).hgetall(crashedKey).exec();
    const [records, power, crashed] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as Record<string, string>;
    });
    return Object.entries(records ?? {}).map(([name, json]) => ({
      record: JSON.parse(json) as SimNodeRecord,
      power: parsePower(power?.[name]),
      crashedAt: crashed?.[name] ? Number(crashed[name]) : undefined,
    }));
  }

  /** One node, without reading the rest of its cluster. */
  async node(tag: string, name: string): Promise<SimNodeState | undefined> {
    const [nodesKey, powerKey, crashedKey] = this.clusterKeys(tag);
    const replies = await this.redis.multi().hget(nodesKey, name).hget(powerKey, name).hget(crashedKey, name).exec();
    const [record, power, crashed] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as string | null;
    });
    if (!record) return undefined;
    return { record: JSON.parse(record) as SimNodeRecord, power: parsePower(power ?? undefined), crashedAt: crashed ? Number(crashed) : undefined };
  }

  async accountNodeCount(account: string): Promise<number> {
    return this.redis.scard(this.accountSetPrefix() + account);
  }

  async clusterNodeCount(tag: string): Promise<number> {
    return this.redis.hlen(this.clusterKeys(tag)[0]);
  }
}
