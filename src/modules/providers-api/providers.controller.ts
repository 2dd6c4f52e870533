import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http';
import { ProviderRegistry } from '../../providers/registry';
import { ProviderList, providerViewOf } from './provider-view';

@ApiTags('providers')
@ApiErrors(401, 429)
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly registry: ProviderRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Every provider kind and variant, with capabilities, credential schema, instance types and host group options schema' })
  @ApiOkResponse({ type: ProviderList })
  list(): ProviderList {
    return { items: this.registry.list().map(providerViewOf) };
  }
}
