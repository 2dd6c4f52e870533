import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Unauthenticated } from '../../common/errors';
import { ApiErrors } from '../../common/http';
import { Public } from '../tenancy';
import { NodeReportDto } from './node-report.dto';
import { NodeReportResult } from './node-report.response';
import { NodeCallbacksService } from './node-callbacks.service';

/**
 * Where VM nodes report (their user_data calls it): authenticated by the node's own token, never an
 * API key. The answer says only whether the state changed, nothing about any other node.
 */
@ApiTags('node-callbacks')
@Controller('v1/node-callbacks')
export class NodeCallbacksController {
  constructor(private readonly callbacks: NodeCallbacksService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'reportNodeHealth', summary: 'A node reports its readiness or health, with its own callback token (Authorization: Bearer hnc_…), never an API key' })
  @ApiOkResponse({ type: NodeReportResult })
  @ApiErrors(400, { status: 401, description: 'No node callback token, or an unknown one' }, 429)
  async report(@Headers('authorization') authorization: string | undefined, @Body() body: NodeReportDto): Promise<NodeReportResult> {
    const match = /^Bearer\s+(hnc_[A-Za-z0-9_-]{20,100})\s*$/.exec(authorization ?? '');
    if (!match) throw new Unauthenticated('A node callback token is required: send "Authorization: Bearer <token>"', authorization !== undefined);
    return this.callbacks.report(match[1], body);
  }
}
