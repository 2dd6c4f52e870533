import { createHash } from 'node:crypto';
import { DOCKER_INSTANCE_TYPES, DOCKER_OPTION_PROPERTIES, PULL_POLICIES, type PullPolicy } from '../../docker/docker.descriptor';
import { HERD_REASON, HostGroupOptionsSchema, type ClusterSpec, type JsonSchema, type PreflightProblem } from '../../spi';
import { OPENSTACK_NAME, OPTIONAL_OPENSTACK_NAME } from '../nova/nova.options';
import { DEFAULT_SWARM_INSTANCE_TYPE } from './magnum.swarm-spec';

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

const MASTER_COUNT = { min: 1, max: 7, default: 1 };
const DOCKER_VOLUME_SIZE = { min: 1, max: 10240 };
const CREATE_TIMEOUT_MINS = { min: 1, max: 1440, default: 60 };
const DEFAULT_PULL_POLICY: PullPolicy = 'ifNotPresent';

const whole = ({ min, max, ...rest }: { min: number; max: number; default?: number }, description: string) => ({
  type: 'integer',
  minimum: min,
  maximum: max,
  ...rest,
  [HERD_REASON]: `must be an integer from ${min} to ${max}`,
  description,
});
const setting = (description: string) => ({ ...OPTIONAL_OPENSTACK_NAME, description });

/** The first host group's options describe the Magnum cluster; every host group's `docker` its herd nodes. */
const MAGNUM_OPTION_PROPERTIES: Record<string, JsonSchema> = {
  coe: {
    enum: [...MAGNUM_COES, null],
    default: 'swarm',
    [HERD_REASON]: `must be one of ${MAGNUM_COES.join(', ')}`,
    // Valid for Magnum, but herd cannot run Hadoop on them: refused with the reason.
    allOf: Object.entries(COE_REFUSALS).map(([coe, why]) => ({ not: { const: coe }, [HERD_REASON]: `coe ${coe} is not supported: ${why}` })),
    description: 'The COE of the Magnum cluster; herd runs components on classic swarm only',
  },
  image: setting('Glance image of the COE\'s VMs (os_distro fedora-atomic for Swarm); required unless clusterTemplate is given'),
  clusterTemplate: setting('An existing cluster template (name or id) to use instead of one herd makes'),
  externalNetwork: setting('External network of the cluster template'),
  masterFlavor: setting('Flavor of the masters (default: the host group\'s instanceType)'),
  masterCount: whole(MASTER_COUNT, 'Number of COE masters'),
  keyName: setting('Nova key pair of the COE\'s VMs'),
  networkDriver: setting('Magnum\'s network driver: docker or flannel'),
  dockerVolumeSize: whole(DOCKER_VOLUME_SIZE, 'Docker volume size of the COE\'s VMs, in GB'),
  fixedNetwork: setting('Fixed network of the cluster template'),
  fixedSubnet: setting('Fixed subnet of the cluster template'),
  dnsNameserver: setting('DNS name server of the cluster template'),
  discoveryUrl: {
    type: ['string', 'null'],
    pattern: '^https?://[^\\u0000\\r\\n]{0,247}$',
    [HERD_REASON]: 'must be an http(s) URL of at most 255 characters on one line',
    description: 'Discovery URL of the Swarm cluster',
  },
  labels: {
    type: 'object',
    propertyNames: { pattern: OPENSTACK_NAME.pattern },
    additionalProperties: { type: 'string' },
    [HERD_REASON]: 'must map names to strings',
    description: 'Labels of the cluster template',
  },
  createTimeoutMins: whole(CREATE_TIMEOUT_MINS, 'How long Magnum may take to create the cluster, in minutes'),
  pullPolicy: {
    enum: [...PULL_POLICIES, null],
    default: DEFAULT_PULL_POLICY,
    [HERD_REASON]: `must be one of ${PULL_POLICIES.join(', ')}`,
    description: 'Whether the COE\'s engines may pull the components\' images (fresh VMs usually must)',
  },
  docker: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...DOCKER_OPTION_PROPERTIES,
      instanceType: {
        enum: DOCKER_INSTANCE_TYPES.map((type) => type.name),
        [HERD_REASON]: `must be one of ${DOCKER_INSTANCE_TYPES.map((type) => type.name).join(', ')} (the Docker budget of a node)`,
        description: `The Docker budget of one herd node on the COE (default ${DEFAULT_SWARM_INSTANCE_TYPE})`,
      },
    },
    [HERD_REASON]: 'must be an object of Docker host group options',
    description: 'The docker provider\'s host group options, plus instanceType: a Docker size',
  },
};

export const MAGNUM_HOST_GROUP_OPTIONS_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: MAGNUM_OPTION_PROPERTIES,
};

const OPTIONS = HostGroupOptionsSchema.of(MAGNUM_HOST_GROUP_OPTIONS_SCHEMA);

/** The options as the schema lets a user write them: `null` for a setting not given. */
type MagnumOptionsAsWritten = { [K in keyof MagnumOptions]?: MagnumOptions[K] | null };

/**
 * The Magnum cluster's options, from the first host group. Its `docker` options are the Docker
 * adapter's to check (`checkSwarmHostGroups`), and unknown keys were refused by the API.
 */
export function readMagnumOptions(cluster: ClusterSpec): { options?: MagnumOptions; problems: PreflightProblem[] } {
  const { docker: _docker, ...own } = cluster.hostGroups[0]?.options ?? {};
  const { accepted, problems } = OPTIONS.read(own, 'hostGroups[0].options', { ownOnly: true });
  const given = accepted as MagnumOptionsAsWritten;
  const clusterTemplate = given.clusterTemplate ?? undefined;
  // Per host group the schema cannot say it: only the first one describes the Magnum cluster.
  if (own.image === undefined || own.image === null) {
    if (!clusterTemplate) problems.push({ field: 'hostGroups[0].options.image', reason: 'is required unless clusterTemplate is given' });
  }
  if (problems.length) return { problems };
  const options: MagnumOptions = {
    coe: given.coe ?? 'swarm',
    image: given.image ?? '',
    externalNetwork: given.externalNetwork ?? undefined,
    masterFlavor: given.masterFlavor ?? undefined,
    masterCount: given.masterCount ?? MASTER_COUNT.default,
    keyName: given.keyName ?? undefined,
    networkDriver: given.networkDriver ?? undefined,
    dockerVolumeSize: given.dockerVolumeSize ?? undefined,
    fixedNetwork: given.fixedNetwork ?? undefined,
    fixedSubnet: given.fixedSubnet ?? undefined,
    dnsNameserver: given.dnsNameserver ?? undefined,
    discoveryUrl: given.discoveryUrl ?? undefined,
    labels: given.labels ?? {},
    clusterTemplate,
    createTimeoutMins: given.createTimeoutMins ?? CREATE_TIMEOUT_MINS.default,
    pullPolicy: given.pullPolicy ?? DEFAULT_PULL_POLICY,
  };
  return { options, problems };
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
