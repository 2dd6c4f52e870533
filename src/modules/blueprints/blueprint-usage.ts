import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../tenancy/principal';

/** Something that can hold on to a blueprint (clusters); deleting a blueprint in use is a 409. */
export interface BlueprintUsage {
  /** Names (or ids) of what uses the blueprint in this tenant; empty when nothing does. */
  usersOf(scope: TenantScope, blueprintId: string): Promise<string[]>;
}

/**
 * Where modules that use blueprints register themselves, so the blueprints module needs no import
 * of theirs. With nothing registered, no blueprint is in use.
 */
@Injectable()
export class BlueprintUsageRegistry {
  private readonly usages: BlueprintUsage[] = [];

  register(usage: BlueprintUsage): void {
    this.usages.push(usage);
  }

  async usersOf(scope: TenantScope, blueprintId: string): Promise<string[]> {
    const found = await Promise.all(this.usages.map((usage) => usage.usersOf(scope, blueprintId)));
    return found.flat();
  }
}
