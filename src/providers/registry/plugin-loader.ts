import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

/** What one entry of HERD_PROVIDER_PLUGINS exported. */
export interface LoadedPlugin {
  source: string;
  adapters: unknown[];
}

/**
 * Loads plugin modules named in HERD_PROVIDER_PLUGINS: an npm package name (resolved from
 * `baseDir`, herd's working directory) or a path to a module. Each must export
 * `adapters: ProviderAdapter[]` (as a named export or on its default export).
 * Throws an Error naming the plugin when it cannot be loaded or exports nothing usable.
 */
export function loadPlugin(spec: string, baseDir = process.cwd()): LoadedPlugin {
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  const target = isPath ? resolve(baseDir, spec) : spec;
  const requireFrom = createRequire(join(baseDir, 'package.json'));
  let exported: Record<string, unknown>;
  try {
    exported = requireFrom(requireFrom.resolve(target)) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && !isPath ? `it is not installed (npm install ${spec})` : (error as Error).message.split('\n')[0];
    throw new Error(`provider plugin "${spec}" failed to load: ${reason}`, { cause: error });
  }
  const adapters = exported?.adapters ?? (exported?.default as Record<string, unknown> | undefined)?.adapters;
  if (!Array.isArray(adapters) || adapters.length === 0) {
    throw new Error(`provider plugin "${spec}" must export "adapters", a non-empty array of provider adapters`);
  }
  return { source: `plugin "${spec}"`, adapters };
}
