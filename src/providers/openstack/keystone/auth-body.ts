import type { OpenStackCredentials } from './credentials';

type Json = Record<string, unknown>;

function domainRef(name?: string, id?: string): Json | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

/** The body of `POST /v3/auth/tokens` for password or application-credential auth, with its scope. */
export function buildAuthBody(c: OpenStackCredentials): Json {
  if (c.authType === 'v3applicationcredential') {
    const appCred: Json = { secret: c.applicationCredentialSecret };
    if (c.applicationCredentialId) appCred.id = c.applicationCredentialId;
    else {
      appCred.name = c.applicationCredentialName;
      appCred.user = c.userId ? { id: c.userId } : { name: c.username, domain: domainRef(c.userDomainName, c.userDomainId) };
    }
    // an application credential is already scoped to its project: Keystone refuses an explicit scope
    return { auth: { identity: { methods: ['application_credential'], application_credential: appCred } } };
  }
  const user: Json = c.userId
    ? { id: c.userId, password: c.password }
    : { name: c.username, domain: domainRef(c.userDomainName, c.userDomainId) ?? { id: 'default' }, password: c.password };
  const auth: Json = { identity: { methods: ['password'], password: { user } } };
  const scope = buildScope(c);
  if (scope) auth.scope = scope;
  return { auth };
}

function buildScope(c: OpenStackCredentials): Json | undefined {
  if (c.projectId) return { project: { id: c.projectId } };
  if (c.projectName) {
    const domain = domainRef(c.projectDomainName, c.projectDomainId) ?? domainRef(c.userDomainName, c.userDomainId) ?? { id: 'default' };
    return { project: { name: c.projectName, domain } };
  }
  const domain = domainRef(c.domainName, c.domainId);
  return domain ? { domain } : undefined;
}
