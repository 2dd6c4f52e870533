import { HERD_REASON, HostGroupOptionsSchema, type HostGroupSpec, type JsonSchema, type PreflightProblem } from '../../spi';
import { NOVA_HOST_GROUP_OPTIONS_SCHEMA, NOVA_OPTION_PROPERTIES } from '../nova/nova.options';

/** How a host group's components are started on `openstack/heat`. */
export const COMPONENT_PATHS = ['user-data', 'auto', 'containers'] as const;
export type ComponentsOption = (typeof COMPONENT_PATHS)[number];

/** What herd actually emits for a host group once it knows what Heat offers. */
export type ComponentPath = 'user-data' | 'containers';

/** Seconds Heat waits after a server is ACTIVE before creating its containers (Docker has to come up first). */
export const DEFAULT_DOCKER_START_DELAY_SECONDS = 240;
const MAX_DOCKER_START_DELAY_SECONDS = 1800;

export interface HeatHostGroupOptions {
  components: ComponentsOption;
  dockerStartDelaySeconds: number;
}

/** Heat's own options, beside Nova's; `null` means not given. */
const HEAT_OPTION_PROPERTIES: Record<string, JsonSchema> = {
  components: {
    enum: [...COMPONENT_PATHS, null],
    default: 'user-data',
    [HERD_REASON]: `must be one of ${COMPONENT_PATHS.join(', ')}`,
    description: 'user-data: user_data starts the components; auto: Heat creates their containers where it offers DockerInc::Docker::Container, else user_data; containers: Heat must create them',
  },
  dockerStartDelaySeconds: {
    type: ['integer', 'null'],
    minimum: 0,
    maximum: MAX_DOCKER_START_DELAY_SECONDS,
    default: DEFAULT_DOCKER_START_DELAY_SECONDS,
    [HERD_REASON]: `must be a whole number of seconds from 0 to ${MAX_DOCKER_START_DELAY_SECONDS}`,
    description: 'On the containers path, how long Heat waits after a server is ACTIVE before creating its containers',
  },
};

/** Nova's host group options plus Heat's own. */
export const HEAT_HOST_GROUP_OPTIONS_SCHEMA: JsonSchema = {
  ...NOVA_HOST_GROUP_OPTIONS_SCHEMA,
  properties: { ...NOVA_OPTION_PROPERTIES, ...HEAT_OPTION_PROPERTIES },
};

const OWN_OPTIONS = HostGroupOptionsSchema.of({ type: 'object', properties: HEAT_OPTION_PROPERTIES });

/** Reads and checks the Heat-only options of a host group (Nova's reader takes the rest); problems name the field. */
export function readHeatOptions(group: HostGroupSpec, index: number): { options?: HeatHostGroupOptions; problems: PreflightProblem[] } {
  const { accepted, problems } = OWN_OPTIONS.read(group.options, `hostGroups[${index}].options`, { ownOnly: true });
  if (problems.length) return { problems };
  const given = accepted as { components?: ComponentsOption | null; dockerStartDelaySeconds?: number | null };
  return { options: { components: given.components ?? 'user-data', dockerStartDelaySeconds: given.dockerStartDelaySeconds ?? DEFAULT_DOCKER_START_DELAY_SECONDS }, problems };
}

/**
 * The path a host group takes: `user-data` always starts components from user_data; `auto` uses
 * Heat's containers where offered; `containers` insists on them (undefined: Heat does not offer them).
 */
export function choosePath(option: ComponentsOption, heatOffersContainers: boolean): ComponentPath | undefined {
  if (option === 'user-data') return 'user-data';
  if (heatOffersContainers) return 'containers';
  return option === 'auto' ? 'user-data' : undefined;
}
