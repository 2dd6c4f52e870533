import { REDACTED } from '../secrets';

/** Query parameters whose values are credentials by their name. */
const CREDENTIAL_NAME = /(^|[_.-])(key|api[_-]?key|apikey|token|access[_-]?token|auth|authorization|secret|password|passwd|pwd|signature|sig|session|credential|code)($|[_.-])/i;

/**
 * A request URL as the request log may keep it: the value of every query parameter named like a
 * credential is replaced, so a key sent in a query string (and refused) is not written in clear.
 */
export function redactedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const name = safeDecode(pair.slice(0, equals));
      return CREDENTIAL_NAME.test(name) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, mark)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
