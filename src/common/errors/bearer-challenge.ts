/** RFC 6750's error codes that herd's answers use. */
export type BearerError = 'invalid_token' | 'insufficient_scope';

/** The `WWW-Authenticate` value of a 401 (and of a 403 for a role too small): herd keys are bearer tokens. */
export function bearerChallenge(error?: BearerError): string {
  return error ? `Bearer realm="herd", error="${error}"` : 'Bearer realm="herd"';
}
