import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../tenancy';

/** Describes what uses a blueprint, e.g. `cluster "analytics" (3f2c…)`; empty when nothing does. */
export type BlueprintUsageCheck = (scope: TenantScope, blueprintId: string) => Promise<string[]>;

/**
 * Modules that reference blueprints (clusters) register a check here, so a blueprint in use
 * cannot be deleted. With no check registered, nothing uses a blueprint.
 */
@Injectable()
export class BlueprintUsage {
  private readonly checks: BlueprintUsageCheck[] = [];

  register(check: BlueprintUsageCheck): void {
    this.checks.push(check);
  }

  async usersOf(scope: TenantScope, blueprintId: string): Promise<string[]> {
    return (await Promise.all(this.checks.map((check) => check(scope, blueprintId)))).flat();
  }
}
