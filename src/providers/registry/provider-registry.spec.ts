import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../common/errors/domain-error';
import { SIM_DESCRIPTOR } from '../sim/sim.descriptor';
import { FatalProviderError, ProviderAdapter, ProviderConnection, ProviderDescriptor } from '../spi';
import { EgressDeniedError } from './egress-check';
import { loadPlugin } from './plugin-loader';
import { ProviderRegistry, ProviderRegistryError } from './provider-registry';

const noop = async (): Promise<never> => {
  throw new Error('not used');
};

function adapter(descriptor: Partial<ProviderDescriptor> = {}, withPower = true): ProviderAdapter & { connected: Record<string, unknown>[] } {
  const connected: Record<string, unknown>[] = [];
  return {
    connected,
    descriptor: { ...SIM_DESCRIPTOR, ...descriptor },
    connect(parameters): ProviderConnection {
      connected.push(parameters);
      return { verify: async () => ({ ok: true, message: 'fine' }), prerequisites: noop, describe: noop, apply: noop, teardown: noop, ...(withPower ? { power: { stop: noop, start: noop } } : {}) };
    },
  };
}

function bootError(run: () => unknown): ProviderRegistryError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProviderRegistryError) return error;
    throw error;
  }
  throw new Error('expected boot to stop');
}

const fixture = (name: string) => join(__dirname, '../../../test/fixtures/provider-plugins', name);

describe('ProviderRegistry', () => {
  it('lists and gets adapters by kind and variant, with their variants', () => {
    const registry = ProviderRegistry.create([{ source: 'built-in', adapters: [adapter(), adapter({ kind: 'cloud', variant: 'vm' }), adapter({ kind: 'cloud', variant: 'stack' })] }]);
    expect(registry.list().map((entry) => `${entry.descriptor.kind}/${entry.descriptor.variant}`)).toEqual(['cloud/stack', 'cloud/vm', 'sim/default']);
    expect(registry.variantsOf('cloud')).toEqual(['stack', 'vm']);
    expect(registry.get('sim', 'default').schema.secretPaths).toEqual([['accessToken']]);
    expect(() => registry.get('sim', 'turbo')).toThrow(NotFound);
    expect(() => registry.get('sim', 'turbo')).toThrow('provider "sim/turbo" does not exist');
  });

  it('stops boot on a duplicate kind and variant, naming both sources', () => {
    const error = bootError(() => ProviderRegistry.create([{ source: 'built-in', adapters: [adapter()] }, { source: 'plugin "herd-sim"', adapters: [adapter()] }]));
    expect(error.message).toContain('plugin "herd-sim": provider sim/default is already provided by built-in');
  });

  it('stops boot on a badly declared adapter, listing every problem', () => {
    const error = bootError(() => ProviderRegistry.create([{ source: 'plugin "x"', adapters: [adapter({ kind: 'Bad Kind', displayName: '', capabilities: { ...SIM_DESCRIPTOR.capabilities, healthReporting: 'carrier-pigeon' as never, teleport: true } as never, instanceTypes: [] })] }]));
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('descriptor.kind must be'),
        expect.stringContaining('descriptor.displayName must be'),
        expect.stringContaining('descriptor.capabilities.healthReporting must be one of "pull", "push"'),
        expect.stringContaining('descriptor.capabilities.teleport is not a capability herd knows'),
        expect.stringContaining('descriptor.instanceTypes must list at least one'),
      ]),
    );
    expect(bootError(() => ProviderRegistry.create([{ source: 's', adapters: [{ descriptor: SIM_DESCRIPTOR }] }])).message).toContain('"connect" must be a function');
    expect(bootError(() => ProviderRegistry.create([{ source: 's', adapters: [null] }])).message).toContain('must be an object');
  });

  it('stops boot on a host group options schema that does not compile or a default instance type not offered, naming the plugin', () => {
    const error = bootError(() =>
      ProviderRegistry.create([
        { source: 'plugin "herd-typo"', adapters: [adapter({ kind: 'typo', hostGroupOptionsSchema: { type: 'object', properties: { zone: { type: 'strnig' } } } })] },
        { source: 'plugin "herd-list"', adapters: [adapter({ kind: 'list', hostGroupOptionsSchema: { type: 'array' } })] },
        { source: 'plugin "herd-huge"', adapters: [adapter({ kind: 'huge', defaultInstanceType: 'galactic' })] },
      ]),
    );
    expect(error.problems).toEqual([
      expect.stringMatching(/^plugin "herd-typo" \(typo\/default\): descriptor\.hostGroupOptionsSchema is not a valid JSON Schema: .*properties\/zone\/type/),
      'plugin "herd-list" (list/default): descriptor.hostGroupOptionsSchema must describe an object ("type": "object")',
      'plugin "herd-huge" (huge/default): descriptor.defaultInstanceType must be one of descriptor.instanceTypes (got "galactic")',
    ]);
  });

  it('registers an adapter without a host group options schema or a default instance type', () => {
    const { hostGroupOptionsSchema: _schema, defaultInstanceType: _type, ...bare } = SIM_DESCRIPTOR;
    const registry = ProviderRegistry.create([{ source: 'plugin "plain"', adapters: [{ ...adapter(), descriptor: bare }] }]);
    expect(registry.get('sim', 'default').descriptor.hostGroupOptionsSchema).toBeUndefined();
  });

  it('refuses a connection whose facets contradict the capabilities', async () => {
    const registry = ProviderRegistry.create([
      { source: 'built-in', adapters: [adapter({ kind: 'liar' }, false), adapter({ kind: 'modest', capabilities: { ...SIM_DESCRIPTOR.capabilities, stopStart: false } }, true), adapter()] },
    ]);
    await expect(registry.connect('liar', 'default', {})).rejects.toThrow(/declares stopStart: true but its connection lacks the power facet/);
    await expect(registry.connect('modest', 'default', {})).rejects.toThrow(FatalProviderError);
    await expect(registry.connect('sim', 'default', {})).resolves.toHaveProperty('power');
  });

  it('lets the egress check refuse an endpoint before the adapter sees the parameters', async () => {
    const sim = adapter();
    const registry = ProviderRegistry.create([{ source: 'built-in', adapters: [sim] }], {
      check: async (_descriptor, parameters) => (parameters.endpoint === 'http://169.254.169.254' ? [{ field: 'endpoint', reason: 'is a cloud metadata address' }] : []),
      refusal: async () => undefined,
    });
    await expect(registry.connect('sim', 'default', { endpoint: 'http://169.254.169.254' })).rejects.toThrow(EgressDeniedError);
    expect(sim.connected).toEqual([]);
    await registry.connect('sim', 'default', { endpoint: 'http://example.org' });
    expect(sim.connected).toHaveLength(1);
  });
});

describe('loadPlugin', () => {
  it('loads a plugin by path and registers its adapters', async () => {
    const plugin = loadPlugin(fixture('echo-plugin.js'));
    const registry = ProviderRegistry.create([plugin]);
    const echo = registry.get('echo', 'default');
    expect(echo.source).toBe(`plugin "${fixture('echo-plugin.js')}"`);
    expect(echo.schema.secretPaths).toEqual([['auth', 'password']]);
    await expect((await registry.connect('echo', 'default', { greeting: 'hi' })).verify()).resolves.toEqual({ ok: true, message: 'echo: hi' });
  });

  it('resolves a relative path from the base directory', () => {
    expect(loadPlugin('./echo-plugin.js', fixture('.')).adapters).toHaveLength(1);
  });

  it('says which plugin failed and why', () => {
    expect(() => loadPlugin('herd-provider-that-is-not-installed')).toThrow('provider plugin "herd-provider-that-is-not-installed" failed to load: it is not installed (npm install herd-provider-that-is-not-installed)');
    expect(() => loadPlugin(fixture('throwing-plugin.js'))).toThrow(/failed to load: cannot initialise: missing native binding/);
    expect(() => loadPlugin(fixture('no-adapters-plugin.js'))).toThrow(/must export "adapters"/);
  });

  it('refuses a plugin that declares itself badly', () => {
    const error = bootError(() => ProviderRegistry.create([loadPlugin(fixture('bad-declaration-plugin.js'))]));
    expect(error.message).toMatch(/descriptor.kind must be/);
    expect(error.message).toMatch(/descriptor.displayName must be/);
    expect(error.message).toMatch(/capabilities.stopStart must be one of true, false/);
    expect(error.message).toMatch(/credentialSchema is not a valid JSON Schema/);
  });
});
