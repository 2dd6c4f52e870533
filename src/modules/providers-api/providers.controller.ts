import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type Page, pageOfAll, PageQuery, PageResponse } from '../../common/http';
import { ProviderRegistry } from '../../providers/registry';
import { ProviderView, providerViewOf } from './provider-view';

@ApiTags('providers')
@ApiErrors(401, 429)
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly registry: ProviderRegistry) {}

  @Get()
  @ApiOperation({ operationId: 'listProviders', summary: 'Every provider kind and variant, with capabilities, credential schema, instance types and host group options schema' })
  @ApiOkResponse({ type: PageResponse(ProviderView) })
  @ApiErrors(400)
  list(@Query() query: PageQuery): Page<ProviderView> {
    return pageOfAll(this.registry.list().map(providerViewOf), query);
  }
}
