import { describe, expect, it } from 'vitest';
import { CredentialFileError } from '../../spi/credential-files';
import { importOpenStackCredentials } from './import-credentials';

const CLOUDS = `
clouds:
  prod:
    auth:
      auth_url: https://keystone.example.org:5000/v3
      username: alice
      project_name: hadoop
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
    identity_api_version: 3
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://keystone.example.org:5000/v3
      application_credential_id: 21dced0fd20347869b93710d2b98aae0
      application_credential_secret: s3cret
    regions: [RegionTwo]
`;
const SECURE = `
clouds:
  prod:
    auth:
      password: from-secure-yaml
`;

describe('importOpenStackCredentials', () => {
  it('reads a clouds.yaml entry merged with secure.yaml', () => {
    expect(importOpenStackCredentials({ format: 'clouds.yaml', content: CLOUDS, cloud: 'prod', secureContent: SECURE })).toEqual({
      authUrl: 'https://keystone.example.org:5000/v3',
      authType: 'password',
      username: 'alice',
      password: 'from-secure-yaml',
      projectName: 'hadoop',
      userDomainName: 'Default',
      projectDomainName: 'Default',
      regionName: 'RegionOne',
      interface: 'internal',
    });
  });

  it('reads an application credential entry', () => {
    expect(importOpenStackCredentials({ format: 'clouds.yaml', content: CLOUDS, cloud: 'appcred' })).toEqual({
      authUrl: 'https://keystone.example.org:5000/v3',
      authType: 'v3applicationcredential',
      applicationCredentialId: '21dced0fd20347869b93710d2b98aae0',
      applicationCredentialSecret: 's3cret',
      regionName: 'RegionTwo',
    });
  });

  it('names the missing entry and the missing password', () => {
    expect(() => importOpenStackCredentials({ format: 'clouds.yaml', content: CLOUDS, cloud: 'nope' })).toThrow(/no entry 'nope' \(found: prod, appcred\)/);
    const error = (() => {
      try {
        importOpenStackCredentials({ format: 'clouds.yaml', content: CLOUDS, cloud: 'prod' });
      } catch (e) {
        return e as CredentialFileError;
      }
    })();
    expect(error).toBeInstanceOf(CredentialFileError);
    expect(error?.field).toBe('password');
    expect(() => importOpenStackCredentials({ format: 'clouds.yaml', content: 'clouds: [', cloud: 'x' })).toThrow(/not valid YAML/);
  });

  it('reads an openrc as Horizon writes it, with the prompted password given separately', () => {
    const openrc = `#!/usr/bin/env bash
export OS_AUTH_URL=https://keystone.example.org:5000/v3
export OS_PROJECT_ID=0123456789abcdef
export OS_PROJECT_NAME="hadoop"
export OS_USER_DOMAIN_NAME="Default"
if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi
export OS_USERNAME="alice"
echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "
read -sr OS_PASSWORD_INPUT
export OS_PASSWORD=$OS_PASSWORD_INPUT
export OS_REGION_NAME="RegionOne"
export OS_INTERFACE=public
export OS_IDENTITY_API_VERSION=3
`;
    expect(() => importOpenStackCredentials({ format: 'openrc', content: openrc })).toThrow(/password/);
    expect(importOpenStackCredentials({ format: 'openrc', content: openrc, password: 'pw' })).toEqual({
      authUrl: 'https://keystone.example.org:5000/v3',
      authType: 'password',
      username: 'alice',
      password: 'pw',
      projectId: '0123456789abcdef',
      projectName: 'hadoop',
      userDomainName: 'Default',
      regionName: 'RegionOne',
      interface: 'public',
    });
  });

  it('refuses an unknown auth type and a non-http auth URL', () => {
    expect(() => importOpenStackCredentials({ format: 'openrc', content: 'export OS_AUTH_URL=ftp://x\nexport OS_USERNAME=a\nexport OS_PASSWORD=b' })).toThrow(/authUrl: must be an http/);
    expect(() => importOpenStackCredentials({ format: 'openrc', content: 'export OS_AUTH_URL=http://x\nexport OS_AUTH_TYPE=v3oidcpassword' })).toThrow(/not supported/);
  });
});
