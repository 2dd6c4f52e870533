import { HERD_REASON, HostGroupOptionsSchema, type HostGroupSpec, type JsonSchema, type PreflightProblem } from '../../spi';

export const SERVER_GROUP_POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const;
export type ServerGroupPolicy = (typeof SERVER_GROUP_POLICIES)[number];

/** What a host group's `options` may say for the Nova and Heat adapters. */
export interface NovaHostGroupOptions {
  /** Glance image name or id (required). */
  image: string;
  /** `auto`, `none`, or network ids. */
  networks: 'auto' | 'none' | string[];
  keyName?: string;
  securityGroups: string[];
  availabilityZone?: string;
  /** A server group with this policy is made for the host group. */
  serverGroupPolicy?: ServerGroupPolicy;
}

/** One line of 1 to 255 characters: names and ids end up in Nova requests and in user_data. */
export const OPENSTACK_NAME = { type: 'string', pattern: '^[^\\u0000\\r\\n]{1,255}$', [HERD_REASON]: 'must be a string of 1 to 255 characters on one line' };
/** An optional name, where `null` means not given. */
export const OPTIONAL_OPENSTACK_NAME = { ...OPENSTACK_NAME, type: ['string', 'null'] };

export const NOVA_OPTION_PROPERTIES: Record<string, JsonSchema> = {
  image: { ...OPENSTACK_NAME, description: 'Glance image name or id (a name shared by several images must be given by id)' },
  networks: {
    oneOf: [{ enum: ['auto', 'none'] }, { type: 'array', items: OPENSTACK_NAME, minItems: 1 }],
    default: 'auto',
    [HERD_REASON]: "must be 'auto', 'none' or a list of network ids",
    description: 'auto, none, or a list of network ids',
  },
  keyName: { ...OPTIONAL_OPENSTACK_NAME, description: 'Nova key pair' },
  securityGroups: { type: 'array', items: OPENSTACK_NAME, default: [], [HERD_REASON]: 'must be a list of security group names or ids', description: 'Security group names or ids' },
  availabilityZone: { ...OPTIONAL_OPENSTACK_NAME, description: 'Availability zone' },
  serverGroupPolicy: { enum: [...SERVER_GROUP_POLICIES], description: 'One server group with this policy per host group' },
};

export const NOVA_HOST_GROUP_OPTIONS_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['image'],
  properties: NOVA_OPTION_PROPERTIES,
};

/** The options as the schema lets a user write them: `null` for a name not given. */
type NovaOptionsAsWritten = Partial<Omit<NovaHostGroupOptions, 'keyName' | 'availabilityZone'>> & { image: string; keyName?: string | null; availabilityZone?: string | null };

const OPTIONS = HostGroupOptionsSchema.of(NOVA_HOST_GROUP_OPTIONS_SCHEMA);

/**
 * Reads and checks a host group's Nova options; problems name the field. Other keys are not its
 * business: on Heat they are Heat's own, and the API refused unknown ones against the provider's
 * whole schema when the cluster was requested.
 */
export function readNovaOptions(group: HostGroupSpec, index: number): { options?: NovaHostGroupOptions; problems: PreflightProblem[] } {
  const { accepted, problems } = OPTIONS.read(group.options, `hostGroups[${index}].options`, { ownOnly: true });
  if (problems.length) return { problems };
  const given = accepted as NovaOptionsAsWritten;
  const options = {
    image: given.image,
    networks: given.networks ?? 'auto',
    keyName: given.keyName ?? undefined,
    securityGroups: given.securityGroups ?? [],
    availabilityZone: given.availabilityZone ?? undefined,
    serverGroupPolicy: given.serverGroupPolicy,
  };
  return { options, problems };
}
