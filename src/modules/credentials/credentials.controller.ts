import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse, PageQuery } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CredentialsService } from './credentials.service';
import { ImportCredentialDto } from './dto/credential-import.dto';
import { CreateCredentialDto, UpdateCredentialDto } from './dto/credential-input.dto';
import { CredentialPage, CredentialView, VerifyResultView } from './dto/credential-view';

@ApiTags('credentials')
@Controller('v1/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a credential for a provider; its secret fields are encrypted and never returned' })
  @ApiCreatedResponse({ type: CredentialView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Unknown provider or variant, or parameters not matching its schema (field paths in details)' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The name is taken' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCredentialDto): Promise<CredentialView> {
    return this.credentials.create(principal, body);
  }

  @Post('import')
  @ApiOperation({ summary: 'Create an OpenStack credential from a clouds.yaml or openrc file; secrets are encrypted and never returned' })
  @ApiCreatedResponse({ type: CredentialView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A file that cannot be read, or a missing field (named in details)' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The name is taken' })
  import(@CurrentPrincipal() principal: Principal, @Body() body: ImportCredentialDto): Promise<CredentialView> {
    return this.credentials.importOpenStack(principal, body);
  }

  @Get()
  @ApiOkResponse({ type: CredentialPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<CredentialPage> {
    return this.credentials.list(principal, query);
  }

  @Get(':idOrName')
  @ApiOkResponse({ type: CredentialView })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<CredentialView> {
    return this.credentials.get(principal, idOrName);
  }

  @Patch(':idOrName')
  @ApiOperation({ summary: 'Replace the parameters; a secret field sent as "********" keeps its stored value' })
  @ApiOkResponse({ type: CredentialView })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Body() body: UpdateCredentialDto): Promise<CredentialView> {
    return this.credentials.replaceParameters(principal, idOrName, body);
  }

  @Delete(':idOrName')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'A cluster uses the credential' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<void> {
    await this.credentials.remove(principal, idOrName);
  }

  @Post(':idOrName/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the provider whether the credential works; the answer is in words, a backend failure is ok: false' })
  @ApiOkResponse({ type: VerifyResultView })
  @ApiNotFoundResponse({ type: ErrorResponse })
  verify(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<VerifyResultView> {
    return this.credentials.verify(principal, idOrName);
  }
}
