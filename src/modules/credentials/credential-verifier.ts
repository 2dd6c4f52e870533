import { Injectable, Logger } from '@nestjs/common';
import { safeMessage } from '../../common/secrets';
import { describeProviderError, ProviderRegistry } from '../../providers/registry';
import { ProviderConnection, ProviderError, providerKey, RetryableProviderError, VerifyResult } from '../../providers/spi';
import type { ResolvedCredential } from './resolved-credential';

export const VERIFY_TIMEOUT_MS = 30_000;

/** Asks the provider whether a credential works, and always answers in words, never with a 500. */
@Injectable()
export class CredentialVerifier {
  private readonly logger = new Logger(CredentialVerifier.name);

  constructor(private readonly registry: ProviderRegistry) {}

  async verify(credential: ResolvedCredential, timeoutMs = VERIFY_TIMEOUT_MS): Promise<VerifyResult> {
    const provider = providerKey(credential.provider, credential.variant);
    let connection: ProviderConnection | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      connection = await this.registry.connect(credential.provider, credential.variant, credential.parameters);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RetryableProviderError(`the provider did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      });
      const result = await Promise.race([connection.verify(), timeout]);
      return { ok: result.ok === true, message: safeMessage(String(result.message)) };
    } catch (error) {
      if (error instanceof ProviderError) return { ok: false, message: safeMessage(describeProviderError(error)) };
      // Only the class name: an unexpected error's text might quote the parameters.
      this.logger.warn({ provider, credentialId: credential.id, error: (error as Error)?.name }, 'provider verify failed unexpectedly');
      return { ok: false, message: `The ${provider} provider failed unexpectedly while checking the credential (${(error as Error)?.name ?? 'error'})` };
    } finally {
      clearTimeout(timer);
      await connection?.close?.().catch(() => undefined);
    }
  }
}
