import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { ApiKeyService } from './api-key.service';
import type { Principal } from './principal';

const PREFIX = 'hst_';

export interface StreamToken {
  token: string;
  expiresAt: Date;
}

interface TokenClaims {
  /** The API key the token stands for: checked again at every use, so a revoked key's tokens die with it. */
  k: string;
  /** The one path the token opens. */
  p: string;
  /** Expiry, in ms since the epoch. */
  e: number;
}

/**
 * Short-lived, signed tokens that open one event stream from a browser, whose `EventSource` cannot
 * send an Authorization header. A token names a path and an API key, never carries the key, and
 * is signed with a key derived from the master key.
 */
@Injectable()
export class StreamTokens {
  private readonly signingKey: Buffer;

  constructor(
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly apiKeys: ApiKeyService,
  ) {
    this.signingKey = Buffer.from(hkdfSync('sha256', config.masterKey.key, Buffer.alloc(0), 'herd stream tokens', 32));
  }

  issue(principal: Principal, path: string): StreamToken {
    const expiresAt = new Date(Date.now() + this.config.streamTokenTtlMs);
    const claims = Buffer.from(JSON.stringify({ k: principal.apiKeyId, p: path, e: expiresAt.getTime() } satisfies TokenClaims)).toString('base64url');
    return { token: `${PREFIX}${claims}.${this.sign(claims)}`, expiresAt };
  }

  /** The principal of a token valid for this path now, or undefined. */
  async verify(token: string, path: string): Promise<Principal | undefined> {
    const claims = this.claimsOf(token);
    if (!claims || claims.p !== path || claims.e <= Date.now()) return undefined;
    return this.apiKeys.principalOfKey(claims.k);
  }

  private claimsOf(token: string): TokenClaims | undefined {
    if (!token.startsWith(PREFIX)) return undefined;
    const [encoded, signature, ...rest] = token.slice(PREFIX.length).split('.');
    if (!encoded || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<TokenClaims>;
      return typeof claims.k === 'string' && typeof claims.p === 'string' && typeof claims.e === 'number' ? (claims as TokenClaims) : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(encodedClaims: string): string {
    return createHmac('sha256', this.signingKey).update(encodedClaims).digest('base64url');
  }
}
