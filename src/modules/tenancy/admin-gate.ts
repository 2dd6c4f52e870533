import { Injectable } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { bearerTokenOf } from './auth.guard';
import { roleSatisfies } from './role';

export type AdminVerdict = 'admin' | 'not-admin' | 'no-key';

/**
 * Admin-only pages outside the REST API (the queue dashboard): the key comes as `Bearer <key>`,
 * or as the password of HTTP Basic auth, which a browser asks for once and then sends by itself.
 */
@Injectable()
export class AdminGate {
  constructor(private readonly keys: ApiKeyService) {}

  async judge(authorization: string | undefined): Promise<AdminVerdict> {
    const presented = keyIn(authorization);
    if (!presented) return 'no-key';
    const principal = await this.keys.authenticate(presented);
    if (!principal) return 'no-key';
    return roleSatisfies(principal.role, 'admin') ? 'admin' : 'not-admin';
  }
}

function keyIn(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = bearerTokenOf(header);
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return password.length > 0 ? password : undefined;
}
