import { createHash } from 'node:crypto';
import { PULL_POLICIES, type PullPolicy } from '../../docker/docker.descriptor';
import type { ClusterSpec, PreflightProblem } from '../../spi';

export const MAGNUM_COES = ['kubernetes', 'swarm', 'swarm-mode', 'mesos'] as const;
export type MagnumCoe = (typeof MAGNUM_COES)[number];

/**
 * Why herd refuses a COE: on each of these Magnum would build the cluster, but herd could not run
 * the Hadoop components on it the way a user expects. Only classic Swarm is left.
 */
const COE_REFUSALS: Record<Exclude<MagnumCoe, 'swarm'>, string> = {
  'swarm-mode':
    'herd runs each node as plain containers through the Docker API; swarm mode spreads services, not plain containers, so every node would run on the one manager behind api_address. Use coe swarm',
  kubernetes: 'herd has no Kubernetes runner: Magnum would build the cluster but no Hadoop component would run on it. Use coe swarm',
  mesos: 'herd has no Mesos runner: Magnum would build the cluster but no Hadoop component would run on it. Use coe swarm',
};

/** Undefined when herd runs components on the COE, else the reason it refuses. */
export function coeRefusal(coe: string): string | undefined {
  return (COE_REFUSALS as Record<string, string>)[coe];
}

/** What the first host group's `options` say for the Magnum adapter (the cluster template and the COE cluster). */
export interface MagnumOptions {
  coe: MagnumCoe;
  image: string;
  externalNetwork?: string;
  masterFlavor?: string;
  masterCount: number;
  keyName?: string;
  networkDriver?: string;
  dockerVolumeSize?: number;
  fixedNetwork?: string;
  fixedSubnet?: string;
  dnsNameserver?: string;
  discoveryUrl?: string;
  labels: Record<string, string>;
  /** Use this existing cluster template (name or id) instead of one herd makes. */
  clusterTemplate?: string;
  createTimeoutMins: number;
  /** Whether the COE's engines may pull the components' images (fresh VMs usually must). */
  pullPolicy: PullPolicy;
}

const SAFE = /^[^\0\r\n]{1,255}$/;

export function readMagnumOptions(cluster: ClusterSpec): { options?: MagnumOptions; problems: PreflightProblem[] } {
  const o = cluster.hostGroups[0]?.options ?? {};
  const problems: PreflightProblem[] = [];
  const at = (k: string) => `hostGroups[0].options.${k}`;
  const str = (k: string, required = false): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (required) problems.push({ field: at(k), reason: 'required' });
      return undefined;
    }
    if (typeof v !== 'string' || !SAFE.test(v)) problems.push({ field: at(k), reason: 'must be a string of 1 to 255 characters' });
    return typeof v === 'string' ? v : undefined;
  };
  const int = (k: string, min: number, max: number, fallback?: number): number | undefined => {
    const v = o[k];
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) problems.push({ field: at(k), reason: `must be an integer from ${min} to ${max}` });
    return v as number;
  };
  const clusterTemplate = str('clusterTemplate');
  const coe = (o.coe ?? 'swarm') as MagnumOptions['coe'];
  if (!MAGNUM_COES.includes(coe)) problems.push({ field: at('coe'), reason: `must be one of ${MAGNUM_COES.join(', ')}` });
  else if (coeRefusal(coe)) problems.push({ field: at('coe'), reason: `coe ${coe} is not supported: ${coeRefusal(coe)}` });
  const pullPolicy = (o.pullPolicy ?? 'ifNotPresent') as PullPolicy;
  if (!PULL_POLICIES.includes(pullPolicy)) problems.push({ field: at('pullPolicy'), reason: `must be one of ${PULL_POLICIES.join(', ')}` });
  const image = str('image', !clusterTemplate) ?? '';
  let labels: Record<string, string> = {};
  if (o.labels !== undefined) {
    if (o.labels && typeof o.labels === 'object' && !Array.isArray(o.labels) && Object.entries(o.labels).every(([k, v]) => SAFE.test(k) && typeof v === 'string')) {
      labels = o.labels as Record<string, string>;
    } else problems.push({ field: at('labels'), reason: 'must map names to strings' });
  }
  const discoveryUrl = str('discoveryUrl');
  if (discoveryUrl && !/^https?:\/\//.test(discoveryUrl)) problems.push({ field: at('discoveryUrl'), reason: 'must be an http(s) URL' });
  const options: MagnumOptions = {
    coe,
    image,
    externalNetwork: str('externalNetwork'),
    masterFlavor: str('masterFlavor'),
    masterCount: int('masterCount', 1, 7, 1)!,
    keyName: str('keyName'),
    networkDriver: str('networkDriver'),
    dockerVolumeSize: int('dockerVolumeSize', 1, 10240),
    fixedNetwork: str('fixedNetwork'),
    fixedSubnet: str('fixedSubnet'),
    dnsNameserver: str('dnsNameserver'),
    discoveryUrl,
    labels,
    clusterTemplate,
    createTimeoutMins: int('createTimeoutMins', 1, 1440, 60)!,
    pullPolicy,
  };
  return problems.length ? { problems } : { options, problems };
}

/** The cluster template herd would make, as Magnum's POST body. */
export function templateBody(cluster: ClusterSpec, o: MagnumOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    coe: o.coe,
    image_id: o.image,
    flavor_id: cluster.hostGroups[0].instanceType,
    master_flavor_id: o.masterFlavor ?? cluster.hostGroups[0].instanceType,
    labels: o.labels,
    public: false,
  };
  if (o.externalNetwork) body.external_network_id = o.externalNetwork;
  if (o.keyName) body.keypair_id = o.keyName;
  if (o.networkDriver) body.network_driver = o.networkDriver;
  if (o.dockerVolumeSize) body.docker_volume_size = o.dockerVolumeSize;
  if (o.fixedNetwork) body.fixed_network = o.fixedNetwork;
  if (o.fixedSubnet) body.fixed_subnet = o.fixedSubnet;
  if (o.dnsNameserver) body.dns_nameserver = o.dnsNameserver;
  // same settings -> same name, so clusters share (reuse) one template
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  return { ...body, name: `herd-${o.coe}-${digest}` };
}

/** Magnum's node_count: every node of every host group (masters are `masterCount`, separate). */
export function desiredNodeCount(cluster: ClusterSpec): number {
  return cluster.hostGroups.reduce((n, g) => n + g.nodeCount, 0);
}
