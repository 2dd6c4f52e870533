import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsIfMatch, ApiErrors, etagHeader, LocatedAt, locationHeader, Page, PageQuery, PageResponse, SendsETag } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { credentialETag, CredentialsService } from './credentials.service';
import { ImportCredentialDto } from './dto/credential-import.dto';
import { CreateCredentialDto, UpdateCredentialDto } from './dto/credential-input.dto';
import { CredentialView, VerifyResultView } from './dto/credential-view';

const credentialLocation = (credential: CredentialView): string => `/v1/credentials/${credential.id}`;
const NAME_TAKEN = { status: 409, description: 'The name is taken' } as const;

@ApiTags('credentials')
@ApiErrors(401, 429)
@Controller('v1/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @LocatedAt(credentialLocation)
  @ApiOperation({ operationId: 'createCredential', summary: 'Create a credential for a provider; its secret fields are encrypted and never returned' })
  @ApiCreatedResponse({ type: CredentialView, headers: locationHeader('the credential') })
  @ApiErrors({ status: 400, description: 'Unknown provider or variant, or parameters not matching its schema (field paths in details)' }, 403, NAME_TAKEN)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCredentialDto): Promise<CredentialView> {
    return this.credentials.create(principal, body);
  }

  @Post('import')
  @LocatedAt(credentialLocation)
  @ApiOperation({ operationId: 'importCredential', summary: 'Create an OpenStack credential from a clouds.yaml or openrc file; secrets are encrypted and never returned' })
  @ApiCreatedResponse({ type: CredentialView, headers: locationHeader('the credential') })
  @ApiErrors({ status: 400, description: 'A file that cannot be read, or a missing field (named in details)' }, 403, NAME_TAKEN)
  import(@CurrentPrincipal() principal: Principal, @Body() body: ImportCredentialDto): Promise<CredentialView> {
    return this.credentials.importFile(principal, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listCredentials', summary: "The tenant's credentials, secrets masked, a page at a time" })
  @ApiOkResponse({ type: PageResponse(CredentialView) })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<CredentialView>> {
    return this.credentials.list(principal, query);
  }

  @Get(':idOrName')
  @SendsETag(credentialETag)
  @ApiOperation({ operationId: 'getCredential', summary: 'One credential, by id or name, secrets masked' })
  @ApiOkResponse({ type: CredentialView, headers: etagHeader('the credential') })
  @ApiErrors(404)
  get(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<CredentialView> {
    return this.credentials.get(principal, idOrName);
  }

  @Patch(':idOrName')
  @SendsETag(credentialETag)
  @AcceptsIfMatch('credential')
  @ApiOperation({ operationId: 'updateCredential', summary: 'Replace the parameters; a secret field sent as "********" keeps its stored value' })
  @ApiOkResponse({ type: CredentialView, headers: etagHeader('the credential') })
  @ApiErrors(400, 403, 404)
  update(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Body() body: UpdateCredentialDto, @Headers('if-match') ifMatch?: string): Promise<CredentialView> {
    return this.credentials.replaceParameters(principal, idOrName, body, ifMatch);
  }

  @Delete(':idOrName')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteCredential', summary: 'Delete a credential no cluster uses' })
  @ApiNoContentResponse()
  @AcceptsIfMatch('credential')
  @ApiErrors(400, 403, 404, { status: 409, description: 'A cluster uses the credential' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<void> {
    await this.credentials.remove(principal, idOrName, ifMatch);
  }

  @Post(':idOrName/verify')
  @HttpCode(200)
  @ApiOperation({ operationId: 'verifyCredential', summary: 'Ask the provider whether the credential works; the answer is in words, a backend failure is ok: false' })
  @ApiOkResponse({ type: VerifyResultView })
  @ApiErrors(400, 403, 404)
  verify(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<VerifyResultView> {
    return this.credentials.verify(principal, idOrName);
  }
}
