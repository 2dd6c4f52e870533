import { HostGroupOptionsSchema, type ComponentSpec, type HostGroupSpec, type PreflightProblem } from '../spi';
import { tarArchive } from './docker.archive';
import { DEFAULT_RESTART_RETRIES, DOCKER_HOST_GROUP_OPTIONS_SCHEMA, DOCKER_INSTANCE_TYPES } from './docker.descriptor';

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

const OPTIONS = HostGroupOptionsSchema.of(DOCKER_HOST_GROUP_OPTIONS_SCHEMA);

/** The host group's options as the schema describes them, with defaults; only options that passed carry their value. */
export function parseHostGroupOptions(options: Record<string, unknown>, field: string): { value: DockerHostGroupOptions; problems: PreflightProblem[] } {
  const { accepted, problems } = OPTIONS.read(options, field);
  const given = accepted as Partial<Omit<DockerHostGroupOptions, 'volumes'>> & { volumes?: Array<Omit<VolumeOption, 'readOnly'> & { readOnly?: boolean }> };
  const value: DockerHostGroupOptions = {
    image: given.image,
    publishPorts: given.publishPorts ?? false,
    volumes: [],
    sandboxImage: given.sandboxImage,
    restartRetries: given.restartRetries ?? DEFAULT_RESTART_RETRIES,
  };
  // Unique names per host group: beyond what JSON Schema can say (uniqueItems compares whole items).
  (given.volumes ?? []).forEach(({ name, target, readOnly }, i) => {
    if (value.volumes.some((other) => other.name === name)) problems.push({ field: `${field}.volumes[${i}].name`, reason: `volume ${name} is listed twice` });
    else value.volumes.push({ name, target, readOnly: readOnly === true });
  });
  return { value, problems };
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
