import type { HostGroupSpec, PreflightProblem } from '../../spi';

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

/** Reads and checks the Heat-only options of a host group; problems name the field. */
export function readHeatOptions(group: HostGroupSpec, index: number): { options?: HeatHostGroupOptions; problems: PreflightProblem[] } {
  const o = group.options ?? {};
  const problems: PreflightProblem[] = [];
  const components = o.components ?? 'user-data';
  if (!COMPONENT_PATHS.includes(components as ComponentsOption)) {
    problems.push({ field: `hostGroups[${index}].options.components`, reason: `must be one of ${COMPONENT_PATHS.join(', ')}` });
  }
  const delay = o.dockerStartDelaySeconds ?? DEFAULT_DOCKER_START_DELAY_SECONDS;
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > MAX_DOCKER_START_DELAY_SECONDS) {
    problems.push({ field: `hostGroups[${index}].options.dockerStartDelaySeconds`, reason: `must be a whole number of seconds from 0 to ${MAX_DOCKER_START_DELAY_SECONDS}` });
  }
  if (problems.length) return { problems };
  return { options: { components: components as ComponentsOption, dockerStartDelaySeconds: delay as number }, problems };
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
