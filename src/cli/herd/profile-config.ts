import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { UsageError } from './exit-codes';

export interface Profile {
  url?: string;
  apiKey?: string;
}

/** `config.yaml`: named profiles and the one used when none is named. */
export interface ProfileConfig {
  current?: string;
  profiles: Record<string, Profile>;
}

export type Environment = Record<string, string | undefined>;

export function profileConfigPath(env: Environment): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), '.config');
  return join(base, 'herd', 'config.yaml');
}

export function readProfileConfig(path: string): ProfileConfig {
  if (!existsSync(path)) return { profiles: {} };
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return { profiles: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${path} must hold a mapping with "profiles"`);
  const { current, profiles } = parsed as { current?: unknown; profiles?: unknown };
  return {
    ...(typeof current === 'string' ? { current } : {}),
    profiles: typeof profiles === 'object' && profiles !== null ? (profiles as Record<string, Profile>) : {},
  };
}

/** Writes the file readable by its owner only: it holds API keys. */
export function writeProfileConfig(path: string, config: ProfileConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(config), { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(path, 0o600);
}
