export { CredentialUsage } from './credential-usage';
export { Credential } from './credential.entity';
export { CredentialsModule } from './credentials.module';
export { CredentialsService } from './credentials.service';
export { rotateMasterKey, type RotationResult } from './master-key-rotation';
export { SecretCipher, type Sealed } from './secret-cipher';
