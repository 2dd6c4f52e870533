import type { ClusterSpec, ObservedNode } from '../../providers/spi';
import type { ClusterHealth } from '../lifecycle';
import type { HadoopMeasurement, HealthFigures } from '../observation';

/** Components without which the cluster serves nothing. */
const MASTERS = ['NAMENODE', 'RESOURCEMANAGER'];
const NAMES_IN_MESSAGE = 5;

export interface HealthRollup {
  health: ClusterHealth;
  /** In the user's words, starting with the health, e.g. "DEGRADED: 2 of 3 DataNodes live; herd-x-worker-1 DATANODE failed". */
  message: string;
  figures: HealthFigures;
}

/**
 * Rolls one observation (and, for pull providers, the masters' own figures) up into the cluster's
 * health: HEALTHY when every node and component runs and the masters count every requested
 * worker; UNHEALTHY when a master is down or no worker is left; DEGRADED in between.
 */
export function rollUpHealth(spec: ClusterSpec, observed: ObservedNode[], measurements: HadoopMeasurement[]): HealthRollup {
  const nodesByStatus: HealthFigures['nodesByStatus'] = {};
  for (const node of observed) nodesByStatus[node.status] = (nodesByStatus[node.status] ?? 0) + 1;
  const members = measurements.map((m) => ({ component: m.member, label: m.label, live: m.actual ?? null, requested: requestedWith(spec, m.member) }));
  const yarn = measurements.find((m) => m.load)?.load;
  const figures: HealthFigures = yarn ? { nodesByStatus, members, yarn } : { nodesByStatus, members };

  const trouble = troubleOf(spec, observed);
  const mastersDown = MASTERS.filter((master) => requestedWith(spec, master) > 0 && !runningSomewhere(observed, master));
  const unreachable = measurements.filter((m) => m.hasEndpoint && m.actual === undefined).map((m) => m.master);
  const counts = members.map((m) => `${m.live ?? '?'} of ${m.requested} ${m.label}`);
  const workersRequested = spec.hostGroups.filter((group) => !group.components.some((c) => MASTERS.includes(c.name))).reduce((sum, group) => sum + group.nodeCount, 0);
  const workersRunning = observed.filter((node) => node.status === 'RUNNING' && !node.components.some((c) => MASTERS.includes(c.name))).length;
  const noWorkers = (workersRequested > 0 && workersRunning === 0) || members.some((m) => m.requested > 0 && m.live === 0);

  const down = [...new Set([...mastersDown, ...unreachable])];
  let health: ClusterHealth;
  const reasons: string[] = [];
  if (down.length > 0 || noWorkers) {
    health = 'UNHEALTHY';
    if (down.length > 0) reasons.push(`${down.join(' and ')} down`);
    if (noWorkers && down.length === 0) reasons.push('no worker is live');
  } else if (trouble.length > 0 || members.some((m) => m.live !== m.requested)) {
    health = 'DEGRADED';
  } else {
    health = 'HEALTHY';
  }
  const detail = [counts.join(', '), ...reasons].filter(Boolean).join('; ');
  const names = trouble.length > NAMES_IN_MESSAGE ? [...trouble.slice(0, NAMES_IN_MESSAGE), `and ${trouble.length - NAMES_IN_MESSAGE} more`] : trouble;
  const message = [`${health}: ${detail || `${nodesByStatus.RUNNING ?? 0} of ${totalRequested(spec)} nodes running`}`, ...(health === 'HEALTHY' ? [] : [names.join(', ')])].filter(Boolean).join('; ');
  return { health, message, figures };
}

/** What is wrong node by node, e.g. "herd-x-worker-1 STOPPED" or "herd-x-worker-2 DATANODE failed". */
function troubleOf(spec: ClusterSpec, observed: ObservedNode[]): string[] {
  const found: string[] = [];
  for (const node of observed) {
    if (node.status !== 'RUNNING') {
      found.push(`${node.name} ${node.status}${node.statusReason ? ` (${node.statusReason})` : ''}`);
      continue;
    }
    const silence = silenceOf(node);
    if (silence) {
      found.push(`${node.name} ${silence}`);
      continue;
    }
    for (const component of node.components) {
      if (component.status !== 'running') found.push(`${node.name} ${component.name} ${component.status}`);
    }
  }
  for (const group of spec.hostGroups) {
    const present = observed.filter((node) => node.hostGroup === group.name).length;
    if (present < group.nodeCount) found.push(`${group.nodeCount - present} ${group.name} node${group.nodeCount - present === 1 ? '' : 's'} missing`);
  }
  return found;
}

/** Why every component of a node is unknown, when they all are for one reason (a node that stopped reporting). */
function silenceOf(node: ObservedNode): string | undefined {
  const [first] = node.components;
  const allUnknown = first?.reason !== undefined && node.components.every((c) => c.status === 'unknown' && c.reason === first.reason);
  return allUnknown ? first.reason : undefined;
}

function requestedWith(spec: ClusterSpec, component: string): number {
  return spec.hostGroups.filter((group) => group.components.some((c) => c.name === component)).reduce((sum, group) => sum + group.nodeCount, 0);
}

function runningSomewhere(observed: ObservedNode[], component: string): boolean {
  return observed.some((node) => node.status === 'RUNNING' && node.components.some((c) => c.name === component && c.status === 'running'));
}

function totalRequested(spec: ClusterSpec): number {
  return spec.hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
}
