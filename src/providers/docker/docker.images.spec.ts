import { describe, expect, it } from 'vitest';
import { FatalProviderError } from '../spi';
import type { PullPolicy } from './docker.descriptor';
import { ensureImages } from './docker.images';

function engineWith(present: string[]) {
  const pulled: string[] = [];
  return {
    pulled,
    hasImage: async (reference: string) => present.includes(reference) || pulled.includes(reference),
    pull: async (reference: string) => void pulled.push(reference),
  };
}

describe('ensureImages', () => {
  const run = (policy: PullPolicy, engine: ReturnType<typeof engineWith>, references: string[]) => ensureImages(engine, policy, references, {});

  it('never pulls with policy never, and names the first missing image', async () => {
    const engine = engineWith(['herd/a:1']);
    await run('never', engine, ['herd/a:1', 'herd/a:1']);
    const failure = run('never', engine, ['herd/a:1', 'herd/missing:2']);
    await expect(failure).rejects.toBeInstanceOf(FatalProviderError);
    await expect(failure).rejects.toThrow('herd/missing:2');
    expect(engine.pulled).toEqual([]);
  });

  it('pulls only missing images with ifNotPresent', async () => {
    const engine = engineWith(['herd/a:1']);
    await run('ifNotPresent', engine, ['herd/a:1', 'herd/b:1', 'herd/b:1']);
    expect(engine.pulled).toEqual(['herd/b:1']);
  });

  it('pulls every distinct image once with always', async () => {
    const engine = engineWith(['herd/a:1']);
    await run('always', engine, ['herd/a:1', 'herd/b:1', 'herd/a:1']);
    expect(engine.pulled).toEqual(['herd/a:1', 'herd/b:1']);
  });
});
