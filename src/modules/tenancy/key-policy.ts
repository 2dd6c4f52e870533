import { DomainError } from '../../common/errors';
import type { ApiKey } from './api-key.entity';
import type { Principal } from './principal';
import { Role, roleSatisfies } from './role';

/**
 * Members manage the keys of their own tenant, up to their own role: an admin key is
 * global power, so only an admin may issue or revoke one. Viewers never reach here
 * (the auth guard refuses their writes).
 */
export function assertMayGrant(principal: Principal, role: Role): void {
  if (!roleSatisfies(principal.role, role)) {
    throw new DomainError('FORBIDDEN', `A ${principal.role} key cannot create a ${role} key`, [{ field: 'role', reason: `exceeds the caller's role (${principal.role})` }]);
  }
}

export function assertMayRevoke(principal: Principal, key: ApiKey): void {
  if (!roleSatisfies(principal.role, key.role)) {
    throw new DomainError('FORBIDDEN', `A ${principal.role} key cannot revoke a ${key.role} key`);
  }
}
