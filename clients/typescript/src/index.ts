import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** The JSON shapes of herd's API, by their OpenAPI names: `Schemas['ClusterView']`. */
export type Schemas = components['schemas'];
export type HerdClient = Client<paths>;

export interface HerdClientOptions {
  /** Where herd serves its API, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** A herd API key; sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Times a request answered 429 is sent again after its `Retry-After`; default 5. */
  rateLimitRetries?: number;
  /** The longest pause one `Retry-After` may ask for, in ms; default 30 s. */
  maxRetryAfterMs?: number;
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A typed client of herd's REST API: paths, parameters, bodies and answers come from herd's
 * OpenAPI document. Every call answers `{ data, error, response }`; `ok()` turns it into the data
 * or a thrown `HerdApiError`.
 */
export function createHerdClient(options: HerdClientOptions): HerdClient {
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${options.apiKey}` },
    fetch: (request) => sendHonouringRateLimits(send, request, options.rateLimitRetries ?? 5, options.maxRetryAfterMs ?? 30_000),
  });
}

async function sendHonouringRateLimits(send: (request: Request) => Promise<Response>, request: Request, retries: number, maxPauseMs: number): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await send(request.clone());
    if (response.status !== 429 || attempt >= retries) return response;
    await response.body?.cancel();
    await pause(Math.min(retryAfterMs(response.headers.get('retry-after')), maxPauseMs));
  }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  if (header !== null && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = header === null ? NaN : Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

/** herd's one error body, as every 4xx and 5xx carries it. */
export type HerdErrorBody = Schemas['ErrorResponse'];

export class HerdApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: HerdErrorBody | undefined,
    readonly request: string,
  ) {
    super(`${request} answered ${status}: ${body?.message ?? 'no error body'}`);
    this.name = 'HerdApiError';
  }
}

/** The answer's data, or a `HerdApiError` carrying herd's error body (message, field details, correlation id). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new HerdApiError(response.status, error as HerdErrorBody | undefined, new URL(response.url).pathname);
  return data as T;
}

export type OperationView = Schemas['OperationView'];

export interface WaitOptions {
  /** Give up after this long; default 30 minutes, herd's own operation timeout. */
  timeoutMs?: number;
  /** Sees every change of status, percent or step. */
  onProgress?: (operation: OperationView) => void;
  /** A fixed pause between two reads instead of the backoff from 100 ms to 2 s (for measurements). */
  pollIntervalMs?: number;
}

/** Follows an operation until it ends (succeeded, failed or cancelled), polling with backoff from 100 ms to 2 s. */
export async function waitForOperation(herd: HerdClient, operationId: string, options: WaitOptions = {}): Promise<OperationView> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (let pauseMs = options.pollIntervalMs ?? 100; ; pauseMs = options.pollIntervalMs ?? Math.min(pauseMs * 1.5, 2000)) {
    const operation = await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: operationId } } }));
    const signature = `${operation.status}|${operation.percent}|${operation.step}`;
    if (signature !== seen) {
      seen = signature;
      options.onProgress?.(operation);
    }
    if (operation.status !== 'queued' && operation.status !== 'running') return operation;
    if (Date.now() > deadline) throw new Error(`operation ${operationId} is still ${operation.status} at ${operation.percent}% (${operation.step ?? 'no step'}) after ${timeoutMs} ms`);
    await pause(pauseMs);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
