import { Inject, Injectable } from '@nestjs/common';
import { knownSecrets } from '../../common/secrets';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import type { ParameterPath } from '../../providers/registry';
import type { Credential } from './credential.entity';
import { SecretBinding, SecretCipher } from './secret-cipher';
import { mergeSecrets, SecretValues, splitSecrets } from './secret-fields';

export type StoredParameters = Pick<Credential, 'parameters' | 'secretPaths' | 'secretKeyId' | 'secretEnvelope'>;

/** Turns parameters into what a credential row stores (secrets sealed as one bundle) and back. */
@Injectable()
export class CredentialSecrets {
  readonly cipher: SecretCipher;

  constructor(@Inject(HERD_CONFIG) config: HerdConfig) {
    this.cipher = SecretCipher.fromConfig(config);
  }

  seal(parameters: Record<string, unknown>, secretPaths: ParameterPath[], binding: SecretBinding): StoredParameters {
    const { plain, secrets } = splitSecrets(parameters, secretPaths);
    if (secrets.length === 0) return { parameters: plain, secretPaths: [], secretKeyId: null, secretEnvelope: null };
    const sealed = this.cipher.seal(Buffer.from(JSON.stringify(secrets), 'utf8'), binding);
    return { parameters: plain, secretPaths: secrets.map(([path]) => path), secretKeyId: sealed.keyId, secretEnvelope: sealed.envelope };
  }

  secretsOf(credential: Credential): SecretValues {
    if (credential.secretKeyId === null || credential.secretEnvelope === null) return [];
    const plaintext = this.cipher.open({ keyId: credential.secretKeyId, envelope: credential.secretEnvelope }, bindingOf(credential));
    const secrets = JSON.parse(plaintext.toString('utf8')) as SecretValues;
    // Decrypted to be sent somewhere: from now on this process scrubs them from whatever it keeps, returns or logs.
    for (const [, value] of secrets) knownSecrets.add(value);
    return secrets;
  }

  /** The full parameters, secrets decrypted. */
  open(credential: Credential): Record<string, unknown> {
    return mergeSecrets(credential.parameters, this.secretsOf(credential));
  }
}

export function bindingOf(credential: Pick<Credential, 'tenantId' | 'id'>): SecretBinding {
  return { tenantId: credential.tenantId, credentialId: credential.id };
}
