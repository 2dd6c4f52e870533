import type { JsonSchema } from '../../spi';

/**
 * herd's credential parameters for every OpenStack adapter (one flat JSON object).
 * `authType` `password` needs a user (name + domain, or id) and a password;
 * `v3applicationcredential` needs the application credential's id (or name + user) and secret.
 * Scope: a project (id, or name + domain), or a domain; none for application credentials (they carry their own).
 */
export interface OpenStackCredentials {
  authUrl: string;
  authType?: 'password' | 'v3applicationcredential';
  username?: string;
  userId?: string;
  userDomainName?: string;
  userDomainId?: string;
  password?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  regionName?: string;
  interface?: 'public' | 'internal' | 'admin';
  /** Per-call timeout. */
  timeoutMs?: number;
  /** PEM CA bundle that verifies the cloud's endpoints, instead of the system's CAs. */
  cacert?: string;
  /** PEM client certificate, for clouds that ask for one; with `key`. */
  cert?: string;
  /** PEM private key of `cert` (secret). */
  key?: string;
  /** Skip TLS verification (labs only; herd logs a warning). */
  insecure?: boolean;
}

const name = { type: 'string', minLength: 1, maxLength: 255 };
const PEM = '-----BEGIN [A-Z0-9 ]+-----';
const pem = { type: 'string', minLength: 1, maxLength: 262144, pattern: PEM, 'x-herd-reason': 'must be PEM text (-----BEGIN …-----, at most 256 KiB), not a file path' };

export const OPENSTACK_CREDENTIAL_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['authUrl'],
  properties: {
    authUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048, description: 'Keystone URL, e.g. https://keystone.example.org:5000/v3' },
    authType: { type: 'string', enum: ['password', 'v3applicationcredential'], default: 'password' },
    username: { ...name, description: 'User name (password auth)' },
    userId: { ...name, description: 'User id (instead of username + domain)' },
    userDomainName: { ...name, description: "The user's domain name, e.g. Default" },
    userDomainId: name,
    password: { type: 'string', minLength: 1, maxLength: 4096, 'x-secret': true, description: 'Password (secret)' },
    projectName: { ...name, description: 'Project to scope the token to' },
    projectId: name,
    projectDomainName: name,
    projectDomainId: name,
    domainName: { ...name, description: 'Domain scope, when no project is given' },
    domainId: name,
    applicationCredentialId: name,
    applicationCredentialName: name,
    applicationCredentialSecret: { type: 'string', minLength: 1, maxLength: 4096, 'x-secret': true, description: 'Application credential secret (secret)' },
    regionName: { ...name, description: 'Region of the service catalog endpoints' },
    interface: { type: 'string', enum: ['public', 'internal', 'admin'], default: 'public' },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 300000, default: 30000 },
    cacert: { ...pem, description: "PEM CA bundle (the text, not a path) that verifies the cloud's TLS endpoints instead of the system's CAs" },
    cert: { ...pem, description: 'PEM client certificate, for clouds that ask for one (with key)' },
    key: { ...pem, 'x-secret': true, description: 'PEM private key of cert, unencrypted (secret)' },
    insecure: { type: 'boolean', default: false, description: "Skip TLS verification of the cloud's endpoints (labs only; herd logs a warning)" },
  },
  dependentRequired: { cert: ['key'], key: ['cert'] },
  allOf: [
    {
      if: { properties: { authType: { const: 'v3applicationcredential' } }, required: ['authType'] },
      then: { required: ['applicationCredentialSecret'], anyOf: [{ required: ['applicationCredentialId'] }, { required: ['applicationCredentialName'] }] },
      else: { required: ['password'], anyOf: [{ required: ['username'] }, { required: ['userId'] }] },
    },
  ],
};
