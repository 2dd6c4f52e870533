import { describe, expect, it } from 'vitest';
import { UsageError } from './exit-codes';
import { nodeCount, parametersFrom } from './key-values';

describe('parametersFrom', () => {
  it('types JSON values, keeps other text as text (a quoted value too), and nests dotted keys', () => {
    expect(parametersFrom(['latencyMs=20', 'rejectCredential=false', 'name=a=b', 'tls.ca=PEM', 'tls.verify=true', 'rates={"launch":0.1}', 'version="1"'])).toEqual({
      latencyMs: 20,
      rejectCredential: false,
      name: 'a=b',
      tls: { ca: 'PEM', verify: true },
      rates: { launch: 0.1 },
      version: '1',
    });
  });

  it('refuses a pair without a key as a usage error', () => {
    expect(() => parametersFrom(['=1'])).toThrow(UsageError);
    expect(() => parametersFrom(['novalue'])).toThrow(/--param takes key=value/);
  });
});

describe('nodeCount', () => {
  it('takes whole numbers only', () => {
    expect(nodeCount('3', 'x')).toBe(3);
    expect(() => nodeCount('-1', 'x')).toThrow(UsageError);
    expect(() => nodeCount('2.5', 'x')).toThrow(UsageError);
  });
});
