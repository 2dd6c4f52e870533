import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { DomainError } from '../../common/errors';
import { Public } from '../tenancy';
import { NodeReportDto } from './node-report.dto';
import { NodeCallbacksService } from './node-callbacks.service';

/**
 * Where VM nodes report (their user_data calls it): authenticated by the node's own token, never an
 * API key. The answer says only whether the state changed, nothing about any other node.
 */
@Controller('v1/node-callbacks')
export class NodeCallbacksController {
  constructor(private readonly callbacks: NodeCallbacksService) {}

  @Public()
  @Post()
  @HttpCode(200)
  async report(@Headers('authorization') authorization: string | undefined, @Body() body: NodeReportDto): Promise<{ changed: boolean }> {
    const match = /^Bearer\s+(hnc_[A-Za-z0-9_-]{20,100})\s*$/.exec(authorization ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', 'A node callback token is required: send "Authorization: Bearer <token>"');
    return this.callbacks.report(match[1], body);
  }
}
