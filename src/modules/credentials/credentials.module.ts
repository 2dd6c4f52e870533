import { Module } from '@nestjs/common';
import { CredentialRepository } from './credential.repository';
import { CredentialSecrets } from './credential-secrets';
import { CredentialUsage } from './credential-usage';
import { CredentialVerifier } from './credential-verifier';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** Credentials API; exports `CredentialsService.resolveForUse` and `CredentialUsage` for clusters. */
@Module({
  controllers: [CredentialsController],
  providers: [CredentialsService, CredentialRepository, CredentialSecrets, CredentialUsage, CredentialVerifier],
  exports: [CredentialsService, CredentialUsage],
})
export class CredentialsModule {}
