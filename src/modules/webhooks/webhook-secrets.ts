import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { SecretCipher } from '../credentials';
import type { Webhook } from './webhook.entity';

/** Signing secrets, made here and sealed under the master key as credential secrets are. */
@Injectable()
export class WebhookSecrets {
  private readonly cipher: SecretCipher;

  constructor(@Inject(HERD_CONFIG) config: HerdConfig) {
    this.cipher = SecretCipher.fromConfig(config);
  }

  generate(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  seal(secret: string, webhook: Pick<Webhook, 'id' | 'tenantId'>): Pick<Webhook, 'secretKeyId' | 'secretEnvelope'> {
    const sealed = this.cipher.seal(Buffer.from(secret, 'utf8'), bindingOf(webhook));
    return { secretKeyId: sealed.keyId, secretEnvelope: sealed.envelope };
  }

  open(webhook: Pick<Webhook, 'id' | 'tenantId' | 'secretKeyId' | 'secretEnvelope'>): string {
    return this.cipher.open({ keyId: webhook.secretKeyId, envelope: webhook.secretEnvelope }, bindingOf(webhook)).toString('utf8');
  }
}

/** Bound to the webhook's row: a sealed secret moved to another webhook or tenant does not open. */
function bindingOf(webhook: Pick<Webhook, 'id' | 'tenantId'>) {
  return { tenantId: webhook.tenantId, credentialId: `webhook:${webhook.id}` };
}
