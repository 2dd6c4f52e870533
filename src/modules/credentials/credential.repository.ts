import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Conflict, IllegalState, NotFound } from '../../common/errors';
import type { TenantScope } from '../tenancy';
import { Credential } from './credential.entity';
import { CREDENTIAL_NAME } from './dto/credential-input.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Credentials of one tenant at a time: every method takes the scope first. */
@Injectable()
export class CredentialRepository {
  private readonly rows: Repository<Credential>;

  constructor(@InjectDataSource() db: DataSource) {
    this.rows = db.getRepository(Credential);
  }

  async insert(scope: TenantScope, credential: Omit<Credential, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<Credential> {
    try {
      await this.rows.insert({ ...credential, tenantId: scope.tenantId } as QueryDeepPartialEntity<Credential>);
    } catch (error) {
      throw conflictOf(error, credential.name) ?? error;
    }
    return this.rows.findOneByOrFail({ tenantId: scope.tenantId, id: credential.id });
  }

  async page(scope: TenantScope, limit: number, offset: number): Promise<[Credential[], number]> {
    return this.rows.findAndCount({ where: { tenantId: scope.tenantId }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** By id when `idOrName` is a UUID, by name otherwise; NotFound for another tenant's credential. */
  async get(scope: TenantScope, idOrName: string): Promise<Credential> {
    const isId = UUID.test(idOrName);
    // A reference no credential can have is not sent to PostgreSQL (a NUL byte would fail the query).
    const found = isId || CREDENTIAL_NAME.test(idOrName) ? await this.rows.findOneBy({ tenantId: scope.tenantId, ...(isId ? { id: idOrName } : { name: idOrName }) }) : null;
    if (!found) throw new NotFound('credential', idOrName.slice(0, 100));
    return found;
  }

  async replaceParameters(scope: TenantScope, id: string, change: Pick<Credential, 'parameters' | 'secretPaths' | 'secretKeyId' | 'secretEnvelope'>): Promise<Credential> {
    await this.rows.update({ tenantId: scope.tenantId, id }, change as QueryDeepPartialEntity<Credential>);
    return this.rows.findOneByOrFail({ tenantId: scope.tenantId, id });
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    try {
      await this.rows.delete({ tenantId: scope.tenantId, id });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
        throw new IllegalState('The credential is still used by a cluster; delete the cluster first');
      }
      throw error;
    }
  }
}

function conflictOf(error: unknown, name: string): Conflict | undefined {
  if (!(error instanceof QueryFailedError) || (error.driverError as { code?: string }).code !== '23505') return undefined;
  return new Conflict(`A credential named "${name}" already exists`, [{ field: 'name', reason: 'is already used by another credential' }]);
}
