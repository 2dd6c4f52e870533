import { describe, expect, it } from 'vitest';
import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it.each([
    ['/v1/clusters?api_key=herd_abc&limit=5', '/v1/clusters?api_key=[redacted]&limit=5'],
    ['/v1/me?token=t0k&access_token=x&X-Api-Key=k', '/v1/me?token=[redacted]&access_token=[redacted]&X-Api-Key=[redacted]'],
    ['/v1/me?password=p&client_secret=s&sig=1', '/v1/me?password=[redacted]&client_secret=[redacted]&sig=[redacted]'],
    ['/v1/me?%61pi_key=encoded-name', '/v1/me?%61pi_key=[redacted]'],
  ])('redacts credential-like parameters of %s', (url, expected) => {
    expect(redactedUrl(url)).toBe(expected);
  });

  it('keeps ordinary parameters, paths and bare flags', () => {
    expect(redactedUrl('/v1/clusters?status=DELETED&limit=10&offset=20&monkey=1&flag')).toBe('/v1/clusters?status=DELETED&limit=10&offset=20&monkey=1&flag');
    expect(redactedUrl('/v1/clusters/abc/events')).toBe('/v1/clusters/abc/events');
  });
});
