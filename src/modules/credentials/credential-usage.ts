import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../tenancy';

/** Describes what uses a credential, e.g. `cluster "analytics" (3f2c…)`; empty when nothing does. */
export type CredentialUsageCheck = (scope: TenantScope, credentialId: string) => Promise<string[]>;

/**
 * Modules that reference credentials (clusters) register a check here, so a credential in use
 * cannot be deleted. With no check registered, nothing uses a credential.
 */
@Injectable()
export class CredentialUsage {
  private readonly checks: CredentialUsageCheck[] = [];

  register(check: CredentialUsageCheck): void {
    this.checks.push(check);
  }

  async usersOf(scope: TenantScope, credentialId: string): Promise<string[]> {
    return (await Promise.all(this.checks.map((check) => check(scope, credentialId)))).flat();
  }
}
