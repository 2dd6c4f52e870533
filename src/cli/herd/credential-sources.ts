import type { Schemas } from '../../../clients/typescript/src';
import { UsageError } from './exit-codes';
import { readInput } from './input-files';
import type { Environment } from './profile-config';

type ImportRequest = Schemas['ImportCredentialDto'];

export interface ImportFlags {
  name: string;
  provider: string;
  variant: string;
  fromCloudsYaml?: string;
  cloud?: string;
  secureYaml?: string;
  fromOpenrc?: string;
  fromEnv?: boolean;
}

/**
 * The body of `POST /v1/credentials/import` from the file or environment the flags name. The file
 * is sent as text and read by the provider's adapter in herd, so herd and the CLI never disagree
 * on what a clouds.yaml means.
 */
export function importRequest(flags: ImportFlags, env: Environment): ImportRequest {
  const base = { name: flags.name, provider: flags.provider, variant: flags.variant };
  if (flags.fromCloudsYaml !== undefined) {
    if (flags.cloud === undefined) throw new UsageError('--from-clouds-yaml needs --cloud NAME, the entry under "clouds:"');
    return { ...base, format: 'clouds.yaml', content: readInput(flags.fromCloudsYaml), cloud: flags.cloud, ...(flags.secureYaml !== undefined ? { secureContent: readInput(flags.secureYaml) } : {}) };
  }
  // An openrc prompts for the password and exports it; OS_PASSWORD is where that answer lives.
  const password = env.OS_PASSWORD ? { password: env.OS_PASSWORD } : {};
  if (flags.fromOpenrc !== undefined) return { ...base, format: 'openrc', content: readInput(flags.fromOpenrc), ...password };
  return { ...base, format: 'openrc', content: openrcOf(env), ...password };
}

/** The `OS_*` variables of an environment written as the openrc that would have set them. */
function openrcOf(env: Environment): string {
  const lines = Object.entries(env)
    .filter((entry): entry is [string, string] => /^OS_[A-Z0-9_]+$/.test(entry[0]) && entry[0] !== 'OS_PASSWORD' && typeof entry[1] === 'string')
    .map(([name, value]) => `export ${name}="${value}"`);
  if (lines.length === 0) throw new UsageError('--from-env found no OS_* variables (source your openrc first)');
  return `${lines.join('\n')}\n`;
}
