import { AuthFailedError, FatalProviderError } from '../../spi';
import { buildAuthBody } from './auth-body';
import { findEndpoint, type CatalogService } from './catalog';
import type { OpenStackCredentials } from './credentials';
import { mapHttpError } from './errors';
import { httpCall, safeUrl, type HttpResponse } from './http';

/** A token is renewed this long before Keystone says it expires. */
export const TOKEN_RENEW_MARGIN_MS = 120_000;

export interface KeystoneToken {
  value: string;
  expiresAt: number;
  catalog: CatalogService[];
  projectId?: string;
  projectName?: string;
  userId?: string;
}

/** The part of Keystone's `POST /v3/auth/tokens` answer herd reads. */
interface TokenBody {
  expires_at?: string;
  catalog?: CatalogService[];
  project?: { id?: string; name?: string };
  user?: { id?: string };
}

export interface ServiceRequest {
  method?: string;
  /** Path relative to the service endpoint (starting with `/`), or an absolute URL. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses returned to the caller instead of thrown (e.g. 404 while waiting for a delete). */
  allow?: number[];
  timeoutMs?: number;
}

/**
 * A Keystone v3 session for one credential: the token is cached until shortly before expiry,
 * endpoints come from the token's catalog, and a 401 from a service renews the token once.
 * Callers that arrive while a token is being issued wait for that one.
 */
export class KeystoneSession {
  private token?: KeystoneToken;
  private pending?: Promise<KeystoneToken>;

  constructor(
    readonly credentials: OpenStackCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  get identityUrl(): string {
    const base = this.credentials.authUrl.replace(/\/+$/, '');
    return /\/v3$/.test(base) ? base : `${base}/v3`;
  }

  async getToken(): Promise<KeystoneToken> {
    if (this.token && this.token.expiresAt - TOKEN_RENEW_MARGIN_MS > this.now()) return this.token;
    this.pending ??= this.authenticate().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Drops the token a service refused, unless another caller has already replaced it. */
  invalidate(refused: KeystoneToken): void {
    if (this.token === refused) this.token = undefined;
  }

  async endpoint(serviceType: string): Promise<string> {
    const token = await this.getToken();
    return findEndpoint(token.catalog, serviceType, this.credentials.interface ?? 'public', this.credentials.regionName);
  }

  /** Calls a catalog service; non-2xx answers (except `allow`) become SPI errors with the backend's message. */
  async request(serviceType: string, req: ServiceRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    for (let attempt = 0; ; attempt++) {
      const token = await this.getToken();
      const base = findEndpoint(token.catalog, serviceType, this.credentials.interface ?? 'public', this.credentials.regionName);
      const url = /^https?:\/\//.test(req.path) ? req.path : `${base}${req.path}`;
      const response = await httpCall({
        method,
        url,
        body: req.body,
        headers: { ...req.headers, 'X-Auth-Token': token.value },
        timeoutMs: req.timeoutMs ?? this.credentials.timeoutMs,
      });
      if (response.status === 401 && attempt === 0) {
        this.invalidate(token);
        continue;
      }
      if (response.status < 400 || req.allow?.includes(response.status)) return response;
      const error = mapHttpError(response.status, response.body, response.headers, `${method} ${safeUrl(url)}`);
      if (response.status === 401) throw new AuthFailedError(`${error.message} (after renewing the token)`, error.backendMessage);
      throw error;
    }
  }

  private async authenticate(): Promise<KeystoneToken> {
    const url = `${this.identityUrl}/auth/tokens`;
    const response = await httpCall({ method: 'POST', url, body: buildAuthBody(this.credentials), timeoutMs: this.credentials.timeoutMs });
    if (response.status >= 400) {
      const error = mapHttpError(response.status, response.body, response.headers, 'Keystone authentication');
      if (response.status === 400) throw new AuthFailedError(error.message, error.backendMessage);
      throw error;
    }
    const value = response.headers.get('x-subject-token');
    const body = (response.body ?? {}) as { token?: TokenBody };
    if (!value || !body.token) throw new FatalProviderError('Keystone answered without a token', 'no X-Subject-Token header');
    const t = body.token;
    const token: KeystoneToken = {
      value,
      expiresAt: Date.parse(t.expires_at ?? '') || this.now() + 3_600_000,
      catalog: t.catalog ?? [],
      projectId: t.project?.id,
      projectName: t.project?.name,
      userId: t.user?.id,
    };
    if (!token.catalog.length) {
      throw new AuthFailedError('the token has no service catalog: scope the credential to a project', 'unscoped token');
    }
    this.token = token;
    return token;
  }
}
