import { UsageError } from './exit-codes';
import type { Environment, ProfileConfig } from './profile-config';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export interface ConnectionFlags {
  url?: string;
  apiKey?: string;
  profile?: string;
}

export interface Connection {
  url: string;
  apiKey: string;
  /** The profile it came from, if any. */
  profile?: string;
}

/**
 * Where to reach herd and with which key. Each of the URL and the key is taken from the first
 * that has it: the flag; the profile named by `--profile` or `HERD_PROFILE`; the environment
 * (`HERD_URL`, `HERD_API_KEY`); the current profile. A named profile beats the environment
 * because naming it is the more deliberate choice, as with `--os-cloud`.
 */
export function resolveConnection(flags: ConnectionFlags, env: Environment, config: ProfileConfig): Connection {
  const named = flags.profile ?? env.HERD_PROFILE;
  if (named !== undefined && !config.profiles[named]) throw new UsageError(`no profile "${named}"; known: ${Object.keys(config.profiles).join(', ') || 'none'} (herd config list)`);
  const current = config.current !== undefined ? config.profiles[config.current] : undefined;
  const layers = [
    { url: flags.url, apiKey: flags.apiKey, profile: undefined },
    named !== undefined ? { ...config.profiles[named], profile: named } : undefined,
    { url: env.HERD_URL, apiKey: env.HERD_API_KEY, profile: undefined },
    current ? { ...current, profile: config.current } : undefined,
  ].filter((layer) => layer !== undefined);
  const url = layers.find((layer) => nonEmpty(layer.url));
  const key = layers.find((layer) => nonEmpty(layer.apiKey));
  if (!key?.apiKey) throw new UsageError('no API key: pass --api-key, set HERD_API_KEY, or save a profile with herd config set <profile> --url URL --api-key KEY');
  return { url: url?.url ?? DEFAULT_URL, apiKey: key.apiKey, ...(key.profile ? { profile: key.profile } : {}) };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.length > 0;
}

/** An API key as `show` prints it: enough to tell two keys apart, never enough to use one. */
export function maskApiKey(key: string | undefined): string {
  if (!key) return '';
  return key.length <= 8 ? '********' : `${key.slice(0, 4)}********`;
}
