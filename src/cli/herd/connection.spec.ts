import { describe, expect, it } from 'vitest';
import { DEFAULT_URL, maskApiKey, resolveConnection } from './connection';
import { UsageError } from './exit-codes';

const config = {
  current: 'lab',
  profiles: { lab: { url: 'http://lab:8080', apiKey: 'lab-key' }, prod: { url: 'https://prod', apiKey: 'prod-key' }, urlOnly: { url: 'http://url-only' } },
};

describe('resolveConnection', () => {
  it('takes the current profile when nothing else is given', () => {
    expect(resolveConnection({}, {}, config)).toEqual({ url: 'http://lab:8080', apiKey: 'lab-key', profile: 'lab' });
  });

  it('lets the environment beat the current profile, a named profile beat the environment, and flags beat all', () => {
    const env = { HERD_URL: 'http://env', HERD_API_KEY: 'env-key' };
    expect(resolveConnection({}, env, config)).toMatchObject({ url: 'http://env', apiKey: 'env-key' });
    expect(resolveConnection({ profile: 'prod' }, env, config)).toMatchObject({ url: 'https://prod', apiKey: 'prod-key', profile: 'prod' });
    expect(resolveConnection({}, { ...env, HERD_PROFILE: 'prod' }, config)).toMatchObject({ url: 'https://prod' });
    expect(resolveConnection({ profile: 'prod', url: 'http://flag', apiKey: 'flag-key' }, env, config)).toEqual({ url: 'http://flag', apiKey: 'flag-key' });
  });

  it('fills what a profile lacks from the next source', () => {
    expect(resolveConnection({ profile: 'urlOnly' }, { HERD_API_KEY: 'env-key' }, config)).toEqual({ url: 'http://url-only', apiKey: 'env-key' });
    expect(resolveConnection({ apiKey: 'k' }, {}, { profiles: {} })).toEqual({ url: DEFAULT_URL, apiKey: 'k' });
  });

  it('refuses an unknown profile and a missing key as usage errors', () => {
    expect(() => resolveConnection({ profile: 'nope' }, {}, config)).toThrow(UsageError);
    expect(() => resolveConnection({}, {}, { profiles: {} })).toThrow(/no API key/);
  });

  it('masks keys so that two can be told apart but none can be used', () => {
    expect(maskApiKey('herd-abcdefghijklmnop')).toBe('herd********');
    expect(maskApiKey('short')).toBe('********');
  });
});
