import type { ComponentStatus, NodeStatus, ObservedComponent, ObservedNode } from '../spi';
import type { SimNodeState } from './sim.record';

/** The node status a state has at `now`: lifecycle phases are derived from stored timestamps, so no timers are needed. */
export function simNodeStatus(state: SimNodeState, now: number): NodeStatus {
  if (state.crashedAt !== undefined) return 'ERROR';
  const { record, power } = state;
  if (power && !power.powered) return now - power.at < record.bootMs / 2 ? 'STOPPING' : 'STOPPED';
  const since = power?.at ?? record.createdAt;
  const elapsed = now - since;
  if (elapsed >= record.bootMs) return 'RUNNING';
  return !power && elapsed < record.bootMs / 2 ? 'PENDING' : 'STARTING';
}

/** RUNNING and not made unhealthy by the credential: its components answer their health endpoints. */
export function simNodeHealthy(state: SimNodeState, now: number): boolean {
  return !state.record.unhealthy && simNodeStatus(state, now) === 'RUNNING';
}

function componentStatus(status: NodeStatus, unhealthy: boolean): { status: ComponentStatus; reason?: string } {
  switch (status) {
    case 'RUNNING':
      return unhealthy ? { status: 'failed', reason: 'health check never passes (listed in the credential\'s unhealthyHostGroups or unhealthyNodes)' } : { status: 'running' };
    case 'PENDING':
    case 'STARTING':
      return { status: 'starting' };
    case 'STOPPING':
    case 'STOPPED':
      return { status: 'stopped' };
    case 'ERROR':
      return { status: 'failed', reason: 'the simulated host crashed' };
    default:
      return { status: 'unknown' };
  }
}

/** A private address derived from the provider id, stable for the node's life. */
function privateAddress(providerId: string): string {
  const hex = providerId.replace(/[^0-9a-f]/g, '').padEnd(6, '0');
  return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}.${parseInt(hex.slice(4, 6), 16)}`;
}

/** Base URL of a component's simulated web endpoint, on this process's health server. */
export function simComponentEndpoint(healthBaseUrl: string, tag: string, node: string, component: string): string {
  return `${healthBaseUrl}/clusters/${encodeURIComponent(tag)}/nodes/${encodeURIComponent(node)}/${encodeURIComponent(component)}`;
}

export function toObservedNode(tag: string, state: SimNodeState, now: number, healthBaseUrl: string): ObservedNode {
  const { record } = state;
  const status = simNodeStatus(state, now);
  const component = componentStatus(status, record.unhealthy);
  return {
    name: record.name,
    hostGroup: record.hostGroup,
    index: record.index,
    providerId: record.providerId,
    status,
    ...(status === 'ERROR' && { statusReason: 'the simulated host crashed' }),
    addresses: { private: privateAddress(record.providerId) },
    components: record.components.map(
      (name): ObservedComponent => ({ name, ...component, endpoint: simComponentEndpoint(healthBaseUrl, tag, record.name, name) }),
    ),
  };
}
