import { isUUID } from 'class-validator';
import { NotFound } from '../../common/errors';
import type { Principal } from './principal';

/**
 * Admins see every tenant; anyone else only their own. Another tenant is reported as
 * missing, so a key never learns which tenant ids exist.
 */
export function assertTenantVisible(principal: Principal, tenantId: string): void {
  if (principal.role === 'admin' || principal.tenantId === tenantId) return;
  throw new NotFound('tenant', shortened(tenantId));
}

/** A path id that is not a UUID cannot name a row: answer 404 before it reaches SQL. */
export function assertUuid(what: string, id: string): void {
  if (!isUUID(id)) throw new NotFound(what, shortened(id));
}

function shortened(id: string): string {
  return id.length > 64 ? `${id.slice(0, 64)}…` : id;
}
