import { describe, expect, it } from 'vitest';
import { maskSecrets, mergeSecrets, SECRET_MASK, splitSecrets } from './secret-fields';

describe('secret fields', () => {
  const parameters = { endpoint: 'tcp://docker:2376', tls: { ca: 'CA', key: 'PRIVATE' }, token: 'T' };
  const paths = [['tls', 'key'], ['token'], ['absent']];

  it('splits secret values out, leaving the rest untouched', () => {
    const { plain, secrets } = splitSecrets(parameters, paths);
    expect(plain).toEqual({ endpoint: 'tcp://docker:2376', tls: { ca: 'CA' } });
    expect(secrets).toEqual([
      [['tls', 'key'], 'PRIVATE'],
      [['token'], 'T'],
    ]);
    expect(parameters.tls.key).toBe('PRIVATE');
  });

  it('merges them back into the original parameters', () => {
    const { plain, secrets } = splitSecrets(parameters, paths);
    expect(mergeSecrets(plain, secrets)).toEqual(parameters);
  });

  it('masks only the secrets that are present', () => {
    const { plain, secrets } = splitSecrets(parameters, paths);
    expect(maskSecrets(plain, secrets.map(([path]) => path))).toEqual({ endpoint: 'tcp://docker:2376', tls: { ca: 'CA', key: SECRET_MASK }, token: SECRET_MASK });
  });
});
