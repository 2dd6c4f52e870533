import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type Page, PageResponse } from '../../common/http';
import { RequireRole } from '../tenancy';
import { AuditLogService } from './audit-log.service';
import { AuditEntryView, auditEntryView } from './dto/audit-entry.view';
import { AuditQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiErrors(401, 429)
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'Every state-changing request, newest first (admin)' })
  @ApiOkResponse({ type: PageResponse(AuditEntryView) })
  @ApiErrors(400, 403)
  async list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    const page = await this.auditLog.list(query);
    return { ...page, items: page.items.map(auditEntryView) };
  }
}
