import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '../../common/http';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQuery } from './dto/audit-query.dto';

@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first. */
  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const where = query.tenantId ? { tenantId: query.tenantId } : {};
    const [items, total] = await this.db.getRepository(AuditEntry).findAndCount({ where, order: { id: 'DESC' }, take: query.limit, skip: query.offset });
    return pageOf(items, total, query);
  }
}
