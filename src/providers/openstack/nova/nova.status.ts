import type { NodeStatus } from '../../spi';
import type { NovaServer } from './nova.client';

/** Nova's status and task state mapped onto herd's node status. */
export function novaNodeStatus(server: Pick<NovaServer, 'status' | 'OS-EXT-STS:task_state'>): NodeStatus {
  const task = server['OS-EXT-STS:task_state'] ?? '';
  if (task === 'deleting' || server.status === 'DELETED' || server.status === 'SOFT_DELETED') return 'TERMINATING';
  if (task === 'powering-off' || task === 'suspending' || task === 'pausing') return 'STOPPING';
  if (task === 'powering-on' || task === 'resuming' || task === 'unpausing') return 'STARTING';
  switch (server.status) {
    case 'BUILD':
      return task === 'scheduling' || !task ? 'PENDING' : 'STARTING';
    case 'ACTIVE':
      return 'RUNNING';
    case 'SHUTOFF':
    case 'SUSPENDED':
    case 'PAUSED':
    case 'SHELVED':
    case 'SHELVED_OFFLOADED':
      return 'STOPPED';
    case 'REBOOT':
    case 'HARD_REBOOT':
    case 'REBUILD':
    case 'RESIZE':
    case 'VERIFY_RESIZE':
    case 'REVERT_RESIZE':
    case 'MIGRATING':
    case 'PASSWORD':
    case 'RESCUE':
      return 'STARTING';
    case 'ERROR':
      return 'ERROR';
    default:
      return 'UNKNOWN';
  }
}

/** The server's first fixed and floating addresses. */
export function serverAddresses(server: NovaServer): { private?: string; public?: string } {
  const out: { private?: string; public?: string } = {};
  for (const list of Object.values(server.addresses ?? {})) {
    for (const a of list) {
      if (a['OS-EXT-IPS:type'] === 'floating') out.public ??= a.addr;
      else out.private ??= a.addr;
    }
  }
  return out;
}
