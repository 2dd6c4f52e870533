import { ApiProperty } from '@nestjs/swagger';
import type { Credential } from '../credential.entity';
import { maskSecrets } from '../secret-fields';

/** A credential as every response shows it: secret values masked. */
export class CredentialView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sim-fast' }) name: string;
  @ApiProperty({ example: 'sim' }) provider: string;
  @ApiProperty({ example: 'default' }) variant: string;
  @ApiProperty({ example: { latencyMs: 20, accessToken: '********' }, type: 'object', additionalProperties: true }) parameters: Record<string, unknown>;
  @ApiProperty({ example: ['accessToken'], description: 'Secret fields that are set (their values are never returned)', type: [String] }) secretFields: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class VerifyResultView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ example: 'Simulator reachable' }) message: string;
}

export function credentialViewOf(credential: Credential): CredentialView {
  return {
    id: credential.id,
    name: credential.name,
    provider: credential.providerKind,
    variant: credential.providerVariant,
    parameters: maskSecrets(credential.parameters, credential.secretPaths),
    secretFields: credential.secretPaths.map((path) => path.join('.')),
    createdAt: credential.createdAt,
    updatedAt: credential.updatedAt,
  };
}
