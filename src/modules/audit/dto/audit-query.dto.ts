import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/http';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests made with keys of this tenant' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId?: string;
}
