import type { HostGroupSpec, PreflightProblem } from '../../spi';

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

export const NOVA_HOST_GROUP_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  required: ['image'],
  properties: {
    image: { type: 'string', minLength: 1, maxLength: 255, description: 'Glance image name or id' },
    networks: {
      oneOf: [{ enum: ['auto', 'none'] }, { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 }, minItems: 1, maxItems: 16 }],
      default: 'auto',
    },
    keyName: { type: 'string', maxLength: 255 },
    securityGroups: { type: 'array', items: { type: 'string', maxLength: 255 }, maxItems: 16 },
    availabilityZone: { type: 'string', maxLength: 255 },
    serverGroupPolicy: { enum: [...SERVER_GROUP_POLICIES] },
  },
} as const;

const SAFE = /^[^\0\r\n]{1,255}$/;

/** Reads and checks a host group's options; problems name the field. */
export function readNovaOptions(group: HostGroupSpec, index: number): { options?: NovaHostGroupOptions; problems: PreflightProblem[] } {
  const o = group.options ?? {};
  const problems: PreflightProblem[] = [];
  const at = (k: string) => `hostGroups[${index}].options.${k}`;
  const str = (k: string, required = false): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (required) problems.push({ field: at(k), reason: 'required' });
      return undefined;
    }
    if (typeof v !== 'string' || !SAFE.test(v)) {
      problems.push({ field: at(k), reason: 'must be a string of 1 to 255 characters' });
      return undefined;
    }
    return v;
  };
  const image = str('image', true);
  let networks: NovaHostGroupOptions['networks'] = 'auto';
  if (o.networks !== undefined) {
    if (o.networks === 'auto' || o.networks === 'none') networks = o.networks;
    else if (Array.isArray(o.networks) && o.networks.length && o.networks.every((n) => typeof n === 'string' && SAFE.test(n))) networks = o.networks as string[];
    else problems.push({ field: at('networks'), reason: "must be 'auto', 'none' or a list of network ids" });
  }
  let securityGroups: string[] = [];
  if (o.securityGroups !== undefined) {
    if (Array.isArray(o.securityGroups) && o.securityGroups.every((n) => typeof n === 'string' && SAFE.test(n))) securityGroups = o.securityGroups as string[];
    else problems.push({ field: at('securityGroups'), reason: 'must be a list of security group names or ids' });
  }
  let serverGroupPolicy: ServerGroupPolicy | undefined;
  if (o.serverGroupPolicy !== undefined) {
    if (SERVER_GROUP_POLICIES.includes(o.serverGroupPolicy as ServerGroupPolicy)) serverGroupPolicy = o.serverGroupPolicy as ServerGroupPolicy;
    else problems.push({ field: at('serverGroupPolicy'), reason: `must be one of ${SERVER_GROUP_POLICIES.join(', ')}` });
  }
  const keyName = str('keyName');
  const availabilityZone = str('availabilityZone');
  if (problems.length || !image) return { problems };
  return { options: { image, networks, keyName, securityGroups, availabilityZone, serverGroupPolicy }, problems };
}
