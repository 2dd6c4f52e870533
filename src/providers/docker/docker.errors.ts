import {
  AuthFailedError,
  ConflictError,
  FatalProviderError,
  NotFoundError,
  ProviderError,
  RetryableProviderError,
} from '../spi';

interface EngineError {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
  reason?: string;
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ESOCKETTIMEDOUT']);
const TLS_ERRORS = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

/** The engine's own words: dockerode puts them in `json.message`, or in `message` after "(HTTP code N) ...". */
export function engineMessage(error: unknown): string {
  const e = error as EngineError;
  const json = e?.json;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  if (typeof json === 'string' && json) return (json as string).trim();
  return e?.message ?? String(error);
}

/**
 * Maps an engine or transport error onto the SPI's classes; `action` says what herd was doing,
 * e.g. "create container herd-x-master-0--namenode".
 */
export function translateDockerError(error: unknown, action: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = error as EngineError;
  const backend = engineMessage(error);
  const status = e?.statusCode;
  if (status === 404 && /no such image/i.test(backend)) {
    const image = /no such image:\s*(\S+)/i.exec(backend)?.[1] ?? 'unknown';
    return new FatalProviderError(`Image ${image} is not on the Docker engine (${action})`, backend, { cause: error });
  }
  if (status === 404) return new NotFoundError(`Not found while trying to ${action}`, backend, { cause: error });
  if (status === 409) return new ConflictError(`Conflict while trying to ${action}`, backend, { cause: error });
  if (status === 403 && /active endpoints|in use/i.test(backend)) {
    return new ConflictError(`Still in use while trying to ${action}`, backend, { cause: error });
  }
  if (status === 401 || status === 403) return new AuthFailedError(`The Docker engine refused to ${action}`, backend, { cause: error });
  if (status !== undefined && status >= 500) return new RetryableProviderError(`The Docker engine failed to ${action}`, backend, { cause: error });
  if (status !== undefined && status >= 400) return new FatalProviderError(`The Docker engine rejected the request to ${action}`, backend, { cause: error });
  const code = e?.code ?? '';
  if (TLS_ERRORS.test(code)) return new AuthFailedError(`TLS handshake with the Docker engine failed (${action})`, backend, { cause: error });
  if (NETWORK_ERRORS.has(code) || /timeout|timed out|socket hang up/i.test(backend)) {
    return new RetryableProviderError(`The Docker engine could not be reached to ${action}`, backend, { cause: error });
  }
  return new RetryableProviderError(`Unexpected error from the Docker engine while trying to ${action}`, backend, { cause: error });
}
