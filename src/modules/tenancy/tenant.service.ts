import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Conflict, NotFound } from '../../common/errors';
import { Page, PageQuery, pageOf } from '../../common/http';
import type { Principal } from './principal';
import { assertTenantVisible, assertUuid } from './tenant-access';
import { Tenant } from './tenant.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class TenantService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(name: string): Promise<Tenant> {
    try {
      return await this.db.getRepository(Tenant).save({ name });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new Conflict(`A tenant named "${name}" already exists`, [{ field: 'name', reason: 'is already taken' }]);
      }
      throw error;
    }
  }

  async list(query: PageQuery): Promise<Page<Tenant>> {
    const [items, total] = await this.db.getRepository(Tenant).findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return pageOf(items, total, query);
  }

  /** The tenant if the principal may see it; 404 otherwise, whether or not it exists. */
  async getVisible(principal: Principal, id: string): Promise<Tenant> {
    assertUuid('tenant', id);
    assertTenantVisible(principal, id);
    const tenant = await this.db.getRepository(Tenant).findOneBy({ id });
    if (!tenant) throw new NotFound('tenant', id);
    return tenant;
  }
}
