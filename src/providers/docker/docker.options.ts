import type { ComponentSpec, HostGroupSpec, PreflightProblem } from '../spi';
import { tarArchive } from './docker.archive';
import { DOCKER_INSTANCE_TYPES } from './docker.descriptor';

export interface VolumeOption {
  /** Short name; the engine volume is per node and labelled with the cluster, so teardown removes it. */
  name: string;
  /** Where every component container of the node mounts it. */
  target: string;
  readOnly: boolean;
}

/** What a host group can ask of Docker through `HostGroupSpec.options`. */
export interface DockerHostGroupOptions {
  /** One image for every component of the group, or one per component name. */
  image?: string | Record<string, string>;
  /** Publish each component port on 127.0.0.1 (a random host port), e.g. to open web UIs. */
  publishPorts: boolean;
  volumes: VolumeOption[];
  /** Image of the node's sandbox container; defaults to the first component's image. */
  sandboxImage?: string;
  /** How often the engine restarts a component that exits with an error. */
  restartRetries: number;
}

const KNOWN = new Set(['image', 'publishPorts', 'volumes', 'sandboxImage', 'restartRetries']);
const IMAGE_REFERENCE = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]{0,254}$/;
const VOLUME_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const DEFAULT_RESTART_RETRIES = 3;

export function parseHostGroupOptions(options: Record<string, unknown>, field: string): { value: DockerHostGroupOptions; problems: PreflightProblem[] } {
  const problems: PreflightProblem[] = [];
  const value: DockerHostGroupOptions = { publishPorts: false, volumes: [], restartRetries: DEFAULT_RESTART_RETRIES };
  for (const key of Object.keys(options ?? {})) {
    if (!KNOWN.has(key)) problems.push({ field: `${field}.${key}`, reason: `unknown Docker option; known: ${[...KNOWN].join(', ')}` });
  }
  const image = options?.image;
  if (typeof image === 'string') {
    if (IMAGE_REFERENCE.test(image)) value.image = image;
    else problems.push({ field: `${field}.image`, reason: 'must be an image reference such as repo/name:tag' });
  } else if (image && typeof image === 'object' && !Array.isArray(image)) {
    const perComponent: Record<string, string> = {};
    for (const [component, reference] of Object.entries(image)) {
      if (typeof reference === 'string' && IMAGE_REFERENCE.test(reference)) perComponent[component] = reference;
      else problems.push({ field: `${field}.image.${component}`, reason: 'must be an image reference such as repo/name:tag' });
    }
    value.image = perComponent;
  } else if (image !== undefined) {
    problems.push({ field: `${field}.image`, reason: 'must be an image reference or an object mapping component names to image references' });
  }
  if (options?.sandboxImage !== undefined) {
    if (typeof options.sandboxImage === 'string' && IMAGE_REFERENCE.test(options.sandboxImage)) value.sandboxImage = options.sandboxImage;
    else problems.push({ field: `${field}.sandboxImage`, reason: 'must be an image reference such as repo/name:tag' });
  }
  if (options?.publishPorts !== undefined) {
    if (typeof options.publishPorts === 'boolean') value.publishPorts = options.publishPorts;
    else problems.push({ field: `${field}.publishPorts`, reason: 'must be true or false' });
  }
  if (options?.restartRetries !== undefined) {
    const retries = options.restartRetries;
    if (typeof retries === 'number' && Number.isInteger(retries) && retries >= 0 && retries <= 100) value.restartRetries = retries;
    else problems.push({ field: `${field}.restartRetries`, reason: 'must be an integer from 0 to 100' });
  }
  if (options?.volumes !== undefined) {
    if (!Array.isArray(options.volumes)) problems.push({ field: `${field}.volumes`, reason: 'must be a list of {name, target, readOnly?}' });
    else options.volumes.forEach((entry, i) => parseVolume(entry, `${field}.volumes[${i}]`, value, problems));
  }
  return { value, problems };
}

function parseVolume(entry: unknown, field: string, value: DockerHostGroupOptions, problems: PreflightProblem[]): void {
  const volume = (entry ?? {}) as Record<string, unknown>;
  const { name, target, readOnly } = volume;
  if (typeof name !== 'string' || !VOLUME_NAME.test(name)) {
    problems.push({ field: `${field}.name`, reason: 'must be 1-63 lowercase letters, digits, _ . -' });
    return;
  }
  if (typeof target !== 'string' || !target.startsWith('/') || target.includes('..')) {
    problems.push({ field: `${field}.target`, reason: 'must be an absolute path inside the container' });
    return;
  }
  if (readOnly !== undefined && typeof readOnly !== 'boolean') {
    problems.push({ field: `${field}.readOnly`, reason: 'must be true or false' });
    return;
  }
  if (value.volumes.some((other) => other.name === name)) {
    problems.push({ field: `${field}.name`, reason: `volume ${name} is listed twice` });
    return;
  }
  value.volumes.push({ name, target, readOnly: readOnly === true });
}

/** The image a component runs: the host group's override, else the stack catalog's. */
export function componentImage(options: DockerHostGroupOptions, component: ComponentSpec): string {
  if (typeof options.image === 'string') return options.image;
  return options.image?.[component.name] ?? component.image;
}

export function sandboxImage(options: DockerHostGroupOptions, group: HostGroupSpec): string | undefined {
  const first = [...group.components].sort((a, b) => a.startOrder - b.startOrder)[0];
  return options.sandboxImage ?? (first ? componentImage(options, first) : undefined);
}

/** Everything about a host group the engine would otherwise reject halfway through a launch. */
export function checkHostGroup(group: HostGroupSpec, index: number): { value: DockerHostGroupOptions; problems: PreflightProblem[] } {
  const field = `hostGroups[${index}]`;
  const { value, problems } = parseHostGroupOptions(group.options, `${field}.options`);
  if (!DOCKER_INSTANCE_TYPES.some((type) => type.name === group.instanceType)) {
    problems.push({ field: `${field}.instanceType`, reason: `unknown Docker instance type ${group.instanceType}; known: ${DOCKER_INSTANCE_TYPES.map((type) => type.name).join(', ')}` });
  }
  if (!sandboxImage(value, group)) problems.push({ field: `${field}.components`, reason: 'a node needs at least one component or options.sandboxImage' });
  group.components.forEach((component, j) => {
    try {
      tarArchive(component.configFiles);
    } catch (error) {
      problems.push({ field: `${field}.components[${j}].configFiles`, reason: (error as Error).message });
    }
  });
  return { value, problems };
}
