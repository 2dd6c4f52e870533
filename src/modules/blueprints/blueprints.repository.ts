import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Conflict, IllegalState } from '../../common/errors';
import type { TenantScope } from '../tenancy';
import { Blueprint } from './blueprint.entity';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export type NewBlueprint = Pick<Blueprint, 'name' | 'description' | 'stackName' | 'stackVersion' | 'document' | 'hostGroups'>;

/** Blueprints of one tenant: every method takes the tenant scope first. */
@Injectable()
export class BlueprintsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get rows() {
    return this.db.getRepository(Blueprint);
  }

  count(scope: TenantScope): Promise<number> {
    return this.rows.countBy({ tenantId: scope.tenantId });
  }

  list(scope: TenantScope, offset: number, limit: number): Promise<Blueprint[]> {
    return this.rows.find({ where: { tenantId: scope.tenantId }, order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit });
  }

  findById(scope: TenantScope, id: string): Promise<Blueprint | null> {
    return this.rows.findOneBy({ tenantId: scope.tenantId, id });
  }

  findByName(scope: TenantScope, name: string): Promise<Blueprint | null> {
    return this.rows.findOneBy({ tenantId: scope.tenantId, name });
  }

  async insert(scope: TenantScope, blueprint: NewBlueprint): Promise<Blueprint> {
    try {
      return await this.rows.save(this.rows.create({ ...blueprint, tenantId: scope.tenantId }));
    } catch (error) {
      if (codeOf(error) === UNIQUE_VIOLATION) throw nameTaken(blueprint.name);
      throw error;
    }
  }

  /** False when no such blueprint exists in the tenant. A row still referenced by a foreign key is a 409. */
  async delete(scope: TenantScope, id: string): Promise<boolean> {
    try {
      const result = await this.rows.delete({ tenantId: scope.tenantId, id });
      return (result.affected ?? 0) > 0;
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw new IllegalState(`Blueprint ${id} is used by a cluster; delete the cluster first`);
      throw error;
    }
  }
}

export function nameTaken(name: string): Conflict {
  return new Conflict(`A blueprint named "${name}" already exists`, [{ field: 'name', reason: 'is already taken' }]);
}

function codeOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}
