import { createHash, createHmac } from 'node:crypto';

/**
 * A node's callback token, derived from the master key so a retried launch gets the same token
 * as the VM that an earlier try already booted. Only its hash is stored.
 */
export function deriveNodeToken(masterKey: Buffer, clusterId: string, nodeName: string): string {
  const mac = createHmac('sha256', masterKey).update(`herd-node-callback\0${clusterId}\0${nodeName}`).digest('base64url');
  return `hnc_${mac}`;
}

export function hashNodeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
