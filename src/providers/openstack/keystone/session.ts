import { Logger } from '@nestjs/common';
import type { Agent } from 'undici';
import { AuthFailedError, FatalProviderError, RetryableProviderError, type EgressAssertion } from '../../spi';
import { buildAuthBody } from './auth-body';
import { findEndpoint, type CatalogService } from './catalog';
import type { OpenStackCredentials } from './credentials';
import { mapHttpError } from './errors';
import { httpCall, safeUrl, type HttpRequest, type HttpResponse } from './http';
import { clientCertificateAlert, credentialAgent, tlsFailure } from './tls';

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

const logger = new Logger('OpenStack');

const ALLOW_ALL: EgressAssertion = async () => undefined;

/**
 * A Keystone v3 session for one credential: the token is cached until shortly before expiry,
 * endpoints come from the token's catalog, and a 401 from a service renews the token once.
 * Callers that arrive while a token is being issued wait for that one. Every call goes through
 * the credential's own HTTP agent (its CA bundle, client certificate or `insecure`), made on
 * first use and closed when the last connection holding the session releases it. Each address
 * the catalog hands out passes herd's egress policy (`assertEgress`) before the first call to it,
 * once per token (a new token brings a new catalog).
 */
export class KeystoneSession {
  private token?: KeystoneToken;
  private pending?: Promise<KeystoneToken>;
  private agent?: Agent;
  private holders = 0;
  private warnedInsecure = false;
  private readonly vetted = new WeakMap<KeystoneToken, Map<string, Promise<void>>>();

  constructor(
    readonly credentials: OpenStackCredentials,
    private readonly now: () => number = Date.now,
    /** herd's egress policy for the addresses the catalog names; absent outside herd's registry. */
    readonly assertEgress: EgressAssertion = ALLOW_ALL,
  ) {}

  /** A connection uses the session from now on; it calls `release` when it closes. */
  hold(): this {
    this.holders++;
    return this;
  }

  /** A connection is done with the session: the last one out closes the agent (a later call makes a new one). */
  async release(): Promise<void> {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders === 0) await this.close();
  }

  /** Closes the agent once its calls in flight have ended; the token stays for the next connection. */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

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
    const url = findEndpoint(token.catalog, serviceType, this.credentials.interface ?? 'public', this.credentials.regionName);
    await this.vet(token, url, `the ${serviceType} endpoint of Keystone's service catalog`);
    return url;
  }

  /** Calls a catalog service; non-2xx answers (except `allow`) become SPI errors with the backend's message. */
  async request(serviceType: string, req: ServiceRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    for (let attempt = 0; ; attempt++) {
      const token = await this.getToken();
      const base = findEndpoint(token.catalog, serviceType, this.credentials.interface ?? 'public', this.credentials.regionName);
      const absolute = /^https?:\/\//.test(req.path);
      const url = absolute ? req.path : `${base}${req.path}`;
      await this.vet(token, url, absolute ? `a link the ${serviceType} service answered with` : `the ${serviceType} endpoint of Keystone's service catalog`);
      const response = await this.call({
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

  /** The egress policy's verdict on the address's host, asked once per token and origin. */
  private vet(token: KeystoneToken, url: string, what: string): Promise<void> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return Promise.reject(new FatalProviderError(`${what} is not a URL: ${safeUrl(url)}`, 'invalid endpoint URL'));
    }
    let verdicts = this.vetted.get(token);
    if (!verdicts) this.vetted.set(token, (verdicts = new Map()));
    let verdict = verdicts.get(origin);
    if (!verdict) {
      verdict = this.assertEgress(url, what);
      verdicts.set(origin, verdict);
      // A DNS failure may pass later: only a verdict that let the address through is kept.
      verdict.catch(() => verdicts.delete(origin));
    }
    return verdict;
  }

  private async call(request: HttpRequest): Promise<HttpResponse> {
    if (!this.agent) {
      this.agent = credentialAgent(this.credentials);
      if (this.credentials.insecure && !this.warnedInsecure) {
        this.warnedInsecure = true;
        logger.warn({ authUrl: safeUrl(this.credentials.authUrl) }, 'OpenStack credential sets insecure: TLS certificates of the cloud are not verified');
      }
    }
    try {
      return await httpCall({ ...request, dispatcher: this.agent });
    } catch (error) {
      throw (await this.clientCertificateRefusal(error, request)) ?? error;
    }
  }

  /** The server closed the connection at once: it may have refused herd's client certificate (or its absence). */
  private async clientCertificateRefusal(error: unknown, request: HttpRequest): Promise<Error | undefined> {
    const cause = (error as { cause?: { cause?: { code?: string } } }).cause?.cause;
    if (!(error instanceof RetryableProviderError) || cause?.code !== 'UND_ERR_SOCKET') return undefined;
    const alert = await clientCertificateAlert(request.url, this.credentials);
    return alert && tlsFailure(alert.code, alert.message, `${request.method} ${safeUrl(request.url)}`);
  }

  private async authenticate(): Promise<KeystoneToken> {
    const url = `${this.identityUrl}/auth/tokens`;
    const response = await this.call({ method: 'POST', url, body: buildAuthBody(this.credentials), timeoutMs: this.credentials.timeoutMs });
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
