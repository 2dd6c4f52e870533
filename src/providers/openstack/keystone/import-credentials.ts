import { parse as parseYaml } from 'yaml';
import { CredentialFileError, type CredentialFile } from '../../spi/credential-files';
import type { OpenStackCredentials } from './credentials';
import { tlsProblem, type OpenStackTls } from './tls';

/**
 * An OpenStack credential from the user's own file:
 * `{"format": "clouds.yaml", "content": "<the file>", "cloud": "<entry name>", "secureContent"?: "<secure.yaml>"}`
 * or `{"format": "openrc", "content": "<export OS_...=... lines>", "password"?: "<when the openrc prompts for it>"}`.
 */
/** The credential parameters of every OpenStack variant, read from a clouds.yaml or openrc (the adapters' `readCredentialFile`). */
export function readOpenStackCredentialFile(file: CredentialFile): Record<string, unknown> {
  return { ...importOpenStackCredentials(file) };
}

/**
 * Reads a file that a clouds.yaml or openrc names (`cacert`, `cert`, `key`, `OS_CACERT` …).
 * Only where herd runs on the user's own machine; the API has none, and there such a value must
 * be the PEM text itself.
 */
export type PemFileReader = (path: string) => string;

export function importOpenStackCredentials(request: CredentialFile, readFile?: PemFileReader): OpenStackCredentials {
  if (request.format === 'clouds.yaml') {
    if (!request.cloud) throw new CredentialFileError('cloud', 'name the clouds.yaml entry to import');
    return fromCloudsYaml(request.content, request.cloud, request.secureContent, readFile);
  }
  if (request.format === 'openrc') return fromOpenrc(request.content, request.password, readFile);
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
export function fromCloudsYaml(text: string, cloud: string, secureText?: string, readFile?: PemFileReader): OpenStackCredentials {
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
  const tls = readTls(
    { cacert: s(entry.cacert), cert: s(entry.cert), key: s(entry.key), insecure: entry.verify === false || entry.insecure === true },
    { cacert: 'cacert', cert: 'cert', key: 'key' },
    'clouds.yaml',
    readFile,
  );
  const credentials = finish(
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
  return { ...credentials, ...tls };
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

export function fromOpenrc(text: string, password?: string, readFile?: PemFileReader): OpenStackCredentials {
  return fromOsVariables(parseOpenrcVariables(text), password, readFile);
}

/** herd credential parameters from `OS_*` variables (an openrc file or an environment). */
export function fromOsVariables(env: Record<string, string | undefined>, password?: string, readFile?: PemFileReader): OpenStackCredentials {
  const v = (k: string): string | undefined => (env[k] && env[k]!.length ? env[k] : undefined);
  const hasProject = !!(v('OS_PROJECT_NAME') ?? v('OS_TENANT_NAME') ?? v('OS_PROJECT_ID') ?? v('OS_TENANT_ID'));
  const tls = readTls(
    { cacert: v('OS_CACERT'), cert: v('OS_CERT'), key: v('OS_KEY'), insecure: /^(1|true|yes|on)$/i.test(v('OS_INSECURE') ?? '') },
    { cacert: 'OS_CACERT', cert: 'OS_CERT', key: 'OS_KEY' },
    'openrc',
    readFile,
  );
  const credentials = finish(
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
  return { ...credentials, ...tls };
}

type PemField = 'cacert' | 'cert' | 'key';

/**
 * The TLS fields of a clouds.yaml entry or openrc. The files name the PEM files; each value is
 * read through `readFile` where there is one, and must be the PEM text itself where there is not.
 * A key's value is never quoted in an error.
 */
function readTls(given: { [K in PemField]?: string } & { insecure: boolean }, names: Record<PemField, string>, source: string, readFile?: PemFileReader): OpenStackTls {
  const tls: OpenStackTls = {};
  for (const field of ['cacert', 'cert', 'key'] as const) {
    const value = given[field]?.trim();
    if (!value) continue;
    if (value.includes('-----BEGIN')) tls[field] = `${value}\n`;
    else if (readFile) tls[field] = readPem(readFile, value, field);
    else {
      const shown = field === 'key' || value.length > 200 || /\s/.test(value) ? 'its value' : `'${value}'`;
      throw new CredentialFileError(
        field,
        `${names[field]} in the ${source} names a file (${shown}), which herd cannot read from a file sent to its API: put the PEM text itself in its place (in clouds.yaml a block scalar, "${names[field]}: |")`,
      );
    }
  }
  if (given.insecure) tls.insecure = true;
  const problem = tlsProblem(tls);
  if (problem) throw new CredentialFileError(problem.field, problem.reason);
  return tls;
}

function readPem(readFile: PemFileReader, path: string, field: PemField): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new CredentialFileError(field, `cannot read ${field === 'key' ? 'the key file' : `'${path}'`}: ${code}`);
  }
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
