import { fetch, type Dispatcher } from 'undici';
import { RetryableProviderError } from '../../spi';
import { tlsFailure } from './tls';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
  timeoutMs?: number;
  /** The credential's agent (its CA bundle, client certificate); the process-wide one when absent. */
  dispatcher?: Dispatcher;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the backend sent JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One HTTP call with a timeout. A certificate the call cannot verify, or a server refusing herd's
 * client certificate, is a non-retryable provider error; other network failures and timeouts are
 * retryable.
 */
export async function httpCall(request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(request.url, { method: request.method, headers, body, signal: AbortSignal.timeout(timeoutMs), dispatcher: request.dispatcher });
  } catch (error) {
    const cause = networkCause(error);
    const tls = tlsFailure(cause?.code, cause?.message ?? '', `${request.method} ${safeUrl(request.url)}`);
    if (tls) throw tls;
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
    throw new RetryableProviderError(`${request.method} ${safeUrl(request.url)} failed: ${reason}`, reason, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown = text.length ? text : undefined;
  if (text.length && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

function networkCause(error: unknown): { code?: string; message?: string } | undefined {
  return error instanceof Error ? (error as { cause?: { code?: string; message?: string } }).cause : undefined;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = networkCause(error);
  return cause?.code ? `${cause.code} ${cause.message ?? ''}`.trim() : error.message;
}

/** The URL without its query string, which may carry names but never credentials. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
