import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import { ProviderView, providerViewOf } from './provider-view';

@ApiTags('providers')
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly registry: ProviderRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Every provider kind and variant, with capabilities, credential schema and instance types' })
  @ApiOkResponse({ type: [ProviderView] })
  list(): { items: ProviderView[] } {
    return { items: this.registry.list().map(providerViewOf) };
  }
}
