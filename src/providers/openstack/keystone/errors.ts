import {
  AuthFailedError,
  ConflictError,
  FatalProviderError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RetryableProviderError,
  ThrottledError,
} from '../../spi';

/**
 * The backend's own message from any of the error shapes OpenStack services use:
 * Nova `{"badRequest": {"message"}}`, Keystone `{"error": {"message"}}`, Neutron `{"NeutronError": {"message"}}`,
 * Heat `{"error": {"message", "type"}, "explanation"}`, Magnum `{"errors": [{"detail"}]}`, Glance plain text/HTML.
 */
export function backendMessage(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return stripHtml(body).slice(0, 2000) || undefined;
  if (typeof body !== 'object') return String(body);
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors) && record.errors.length) {
    const first = record.errors[0] as Record<string, unknown>;
    return str(first.detail) ?? str(first.title);
  }
  if (record.error && typeof record.error === 'object') {
    const error = record.error as Record<string, unknown>;
    return str(error.message) ?? str(record.explanation) ?? str(error.type);
  }
  for (const value of Object.values(record)) {
    if (value && typeof value === 'object' && 'message' in value) return str((value as { message: unknown }).message);
  }
  return str(record.message) ?? str(record.explanation) ?? str(record.title);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length ? value : undefined;
}

function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const QUOTA_WORDS = /quota|exceed|limit/i;

/** Maps an HTTP error answer to the SPI's error classes, keeping the backend's words. */
export function mapHttpError(status: number, body: unknown, headers: Headers, what: string): ProviderError {
  const message = backendMessage(body) ?? `HTTP ${status}`;
  const text = `${what}: ${message}`;
  const isOverLimit = !!body && typeof body === 'object' && 'overLimit' in body;
  if (status === 429 || status === 413 || isOverLimit) {
    const retryAfter = Number(headers.get('retry-after'));
    // Nova answers 403/413 "Quota exceeded" for quotas and 429/overLimit for rate limits.
    if (status !== 429 && QUOTA_WORDS.test(message) && !headers.get('retry-after')) return new QuotaExceededError(text, message);
    return new ThrottledError(text, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined, message);
  }
  if (status === 403 && /quota/i.test(message)) return new QuotaExceededError(text, message);
  if (status === 401 || status === 403) return new AuthFailedError(text, message);
  if (status === 404) return new NotFoundError(text, message);
  if (status === 409) return new ConflictError(text, message);
  if (status >= 500 || status === 408) return new RetryableProviderError(text, message);
  return new FatalProviderError(text, message);
}
