import { parse as parseYaml } from 'yaml';
import { CredentialFileError, type CredentialFile } from '../../spi/credential-files';
import type { OpenStackCredentials } from './credentials';

/**
 * An OpenStack credential from the user's own file:
 * `{"format": "clouds.yaml", "content": "<the file>", "cloud": "<entry name>", "secureContent"?: "<secure.yaml>"}`
 * or `{"format": "openrc", "content": "<export OS_...=... lines>", "password"?: "<when the openrc prompts for it>"}`.
 */
/** The credential parameters of every OpenStack variant, read from a clouds.yaml or openrc (the adapters' `readCredentialFile`). */
export function readOpenStackCredentialFile(file: CredentialFile): Record<string, unknown> {
  return { ...importOpenStackCredentials(file) };
}

export function importOpenStackCredentials(request: CredentialFile): OpenStackCredentials {
  if (request.format === 'clouds.yaml') {
    if (!request.cloud) throw new CredentialFileError('cloud', 'name the clouds.yaml entry to import');
    return fromCloudsYaml(request.content, request.cloud, request.secureContent);
  }
  if (request.format === 'openrc') return fromOpenrc(request.content, request.password);
  throw new CredentialFileError('format', "must be 'clouds.yaml' or 'openrc'");
}

type Dict = Record<string, unknown>;

const MAX_CONTENT = 256 * 1024;

function loadYaml(text: string, field: string): Dict {
  if (text.length > MAX_CONTENT) throw new CredentialFileError(field, 'larger than 256 KiB');
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 10 });
  } catch (error) {
    throw new CredentialFileError(field, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object') throw new CredentialFileError(field, 'expected a mapping with a "clouds" key');
  return doc as Dict;
}

function deepMerge(base: Dict, extra: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? deepMerge(out[k] as Dict, v as Dict) : v;
  }
  return out;
}

/** One `clouds:` entry (merged with the same entry of secure.yaml) as herd credential parameters. */
export function fromCloudsYaml(text: string, cloud: string, secureText?: string): OpenStackCredentials {
  const clouds = loadYaml(text, 'content').clouds as Dict | undefined;
  if (!clouds || typeof clouds !== 'object') throw new CredentialFileError('content', 'has no "clouds" mapping');
  let entry = clouds[cloud] as Dict | undefined;
  if (!entry || typeof entry !== 'object') {
    throw new CredentialFileError('cloud', `no entry '${cloud}' (found: ${Object.keys(clouds).join(', ') || 'none'})`);
  }
  if (secureText) {
    const secure = (loadYaml(secureText, 'secureContent').clouds as Dict | undefined)?.[cloud];
    if (secure && typeof secure === 'object') entry = deepMerge(entry, secure as Dict);
  }
  const auth = (entry.auth ?? {}) as Dict;
  const s = (v: unknown): string | undefined => (typeof v === 'string' && v.length ? v : typeof v === 'number' ? String(v) : undefined);
  return finish(
    {
      authUrl: s(auth.auth_url),
      authType: s(entry.auth_type),
      username: s(auth.username),
      userId: s(auth.user_id),
      password: s(auth.password),
      userDomainName: s(auth.user_domain_name) ?? s(auth.domain_name),
      userDomainId: s(auth.user_domain_id) ?? s(auth.domain_id),
      projectName: s(auth.project_name) ?? s(auth.tenant_name),
      projectId: s(auth.project_id) ?? s(auth.tenant_id),
      projectDomainName: s(auth.project_domain_name),
      projectDomainId: s(auth.project_domain_id),
      domainName: s(auth.project_name) || s(auth.project_id) ? undefined : s(auth.domain_name),
      domainId: s(auth.project_name) || s(auth.project_id) ? undefined : s(auth.domain_id),
      applicationCredentialId: s(auth.application_credential_id),
      applicationCredentialName: s(auth.application_credential_name),
      applicationCredentialSecret: s(auth.application_credential_secret),
      regionName: s(entry.region_name) ?? (Array.isArray(entry.regions) ? s(entry.regions[0]) : undefined),
      interface: s(entry.interface) ?? s(entry.endpoint_type),
    },
    'clouds.yaml',
  );
}

/** `export OS_...=...` lines (quotes and comments allowed; `$VAR` references are not expanded). */
export function parseOpenrcVariables(text: string): Record<string, string> {
  if (text.length > MAX_CONTENT) throw new CredentialFileError('content', 'larger than 256 KiB');
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?(OS_[A-Z0-9_]+)=(.*)$/.exec(raw);
    if (!match) continue;
    let value = match[2].trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    if (value.includes('$')) continue; // a reference to a prompt variable: supplied separately
    vars[match[1]] = value;
  }
  return vars;
}

export function fromOpenrc(text: string, password?: string): OpenStackCredentials {
  return fromOsVariables(parseOpenrcVariables(text), password);
}

/** herd credential parameters from `OS_*` variables (an openrc file or an environment). */
export function fromOsVariables(env: Record<string, string | undefined>, password?: string): OpenStackCredentials {
  const v = (k: string): string | undefined => (env[k] && env[k]!.length ? env[k] : undefined);
  const hasProject = !!(v('OS_PROJECT_NAME') ?? v('OS_TENANT_NAME') ?? v('OS_PROJECT_ID') ?? v('OS_TENANT_ID'));
  return finish(
    {
      authUrl: v('OS_AUTH_URL'),
      authType: v('OS_AUTH_TYPE'),
      username: v('OS_USERNAME'),
      userId: v('OS_USER_ID'),
      password: password ?? v('OS_PASSWORD'),
      userDomainName: v('OS_USER_DOMAIN_NAME'),
      userDomainId: v('OS_USER_DOMAIN_ID'),
      projectName: v('OS_PROJECT_NAME') ?? v('OS_TENANT_NAME'),
      projectId: v('OS_PROJECT_ID') ?? v('OS_TENANT_ID'),
      projectDomainName: v('OS_PROJECT_DOMAIN_NAME'),
      projectDomainId: v('OS_PROJECT_DOMAIN_ID'),
      domainName: hasProject ? undefined : v('OS_DOMAIN_NAME'),
      domainId: hasProject ? undefined : v('OS_DOMAIN_ID'),
      applicationCredentialId: v('OS_APPLICATION_CREDENTIAL_ID'),
      applicationCredentialName: v('OS_APPLICATION_CREDENTIAL_NAME'),
      applicationCredentialSecret: v('OS_APPLICATION_CREDENTIAL_SECRET'),
      regionName: v('OS_REGION_NAME'),
      interface: v('OS_INTERFACE') ?? v('OS_ENDPOINT_TYPE'),
    },
    'openrc',
  );
}

const INTERFACES: Record<string, OpenStackCredentials['interface']> = {
  public: 'public',
  publicurl: 'public',
  internal: 'internal',
  internalurl: 'internal',
  admin: 'admin',
  adminurl: 'admin',
};

type Loose = { [K in keyof OpenStackCredentials]?: string };

function finish(raw: Loose, source: string): OpenStackCredentials {
  if (!raw.authUrl) throw new CredentialFileError('authUrl', `${source} has no auth URL (auth_url / OS_AUTH_URL)`);
  if (!/^https?:\/\//.test(raw.authUrl)) throw new CredentialFileError('authUrl', 'must be an http(s) URL');
  const authType = (raw.authType ?? (raw.applicationCredentialSecret ? 'v3applicationcredential' : 'password')).replace(/^v3/, '');
  const out: OpenStackCredentials = { authUrl: raw.authUrl };
  if (authType === 'applicationcredential') {
    out.authType = 'v3applicationcredential';
    if (!raw.applicationCredentialSecret) throw new CredentialFileError('applicationCredentialSecret', 'missing');
    if (!raw.applicationCredentialId && !raw.applicationCredentialName) {
      throw new CredentialFileError('applicationCredentialId', 'give the application credential id or name');
    }
  } else if (authType === 'password') {
    out.authType = 'password';
    if (!raw.password) throw new CredentialFileError('password', `${source} has no password; pass it separately`);
    if (!raw.username && !raw.userId) throw new CredentialFileError('username', 'missing (username or user id)');
  } else {
    throw new CredentialFileError('authType', `'${raw.authType}' is not supported (password or v3applicationcredential)`);
  }
  if (raw.interface) {
    const iface = INTERFACES[raw.interface.toLowerCase()];
    if (!iface) throw new CredentialFileError('interface', `'${raw.interface}' is not public, internal or admin`);
    out.interface = iface;
  }
  for (const key of Object.keys(raw) as (keyof Loose)[]) {
    if (key === 'authUrl' || key === 'authType' || key === 'interface') continue;
    if (raw[key] !== undefined) (out as unknown as Record<string, string>)[key] = raw[key]!;
  }
  return out;
}
