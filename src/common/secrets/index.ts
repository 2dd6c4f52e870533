import { KnownSecrets, knownSecrets, REDACTED } from './known-secrets';

export { KnownSecrets, knownSecrets, REDACTED };
export { rememberConfiguredSecrets } from './configured-secrets';
export { formsOf, MIN_SECRET_LENGTH } from './secret-forms';

/** Longest message herd keeps or returns from a backend; longer ones are cut. */
export const MESSAGE_LIMIT = 2000;

/** A message as herd may keep, return or log it: known secrets scrubbed, at most `limit` characters. */
export function safeMessage(text: string, limit = MESSAGE_LIMIT): string {
  const scrubbed = knownSecrets.scrub(text);
  return scrubbed.length > limit ? `${scrubbed.slice(0, limit - 1)}…` : scrubbed;
}

/** A JSON value (event data, error details) with every string made safe. */
export function safeJson<T>(value: T): T {
  return knownSecrets.scrubJson(value);
}
