import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivateCa } from '../../../../test/support/private-ca';
import { CredentialFileError } from '../../spi/credential-files';
import { fromCloudsYamlFile } from './clouds-yaml-file';
import { importOpenStackCredentials } from './import-credentials';

const ca = makePrivateCa();
const other = makePrivateCa();
afterAll(() => {
  ca.remove();
  other.remove();
});

const indent = (pem: string) => pem.trim().replace(/\n/g, '\n      ');

function cloudsYaml(tls: string): string {
  return `clouds:
  prod:
    auth:
      auth_url: https://keystone.example.org:5000/v3
      username: alice
      password: pw
      project_name: hadoop
      user_domain_name: Default
${tls}
`;
}

function fileError(run: () => unknown): CredentialFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof CredentialFileError) return error;
    throw error;
  }
  throw new Error('no CredentialFileError');
}

describe('OpenStack credential import: TLS fields', () => {
  it('keeps inline PEM cacert, cert and key from a clouds.yaml sent as text, and maps verify: false to insecure', () => {
    const content = cloudsYaml(`    verify: false
    cacert: |
      ${indent(ca.ca)}
    cert: |
      ${indent(ca.client.cert)}
    key: |
      ${indent(ca.client.key)}`);
    const imported = importOpenStackCredentials({ format: 'clouds.yaml', content, cloud: 'prod' });
    expect(imported).toMatchObject({ authUrl: 'https://keystone.example.org:5000/v3', username: 'alice', insecure: true });
    expect(imported.cacert?.trim()).toBe(ca.ca.trim());
    expect(imported.cert?.trim()).toBe(ca.client.cert.trim());
    expect(imported.key?.trim()).toBe(ca.client.key.trim());
    const verified = importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml('    verify: true'), cloud: 'prod' });
    expect(verified).not.toHaveProperty('insecure');
  });

  it('refuses a file path in an API import, naming the field and saying to inline the PEM; a key path is not quoted', () => {
    const caPath = fileError(() => importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml('    cacert: /etc/ssl/private-ca.pem'), cloud: 'prod' }));
    expect(caPath.field).toBe('cacert');
    expect(caPath.reason).toMatch(/names a file \('\/etc\/ssl\/private-ca\.pem'\).*put the PEM text itself/);
    const keyPath = fileError(() =>
      importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml(`    cert: |\n      ${indent(ca.client.cert)}\n    key: /home/alice/secret-name.key`), cloud: 'prod' }),
    );
    expect(keyPath.field).toBe('key');
    expect(keyPath.reason).not.toContain('secret-name');
  });

  it('reads the files a clouds.yaml names where herd has the file system, relative to the clouds.yaml', () => {
    const path = join(ca.directory, 'clouds.yaml');
    writeFileSync(path, cloudsYaml(`    cacert: ca.pem\n    cert: ${join(ca.directory, 'client.pem')}\n    key: client.key`));
    const imported = fromCloudsYamlFile(path, 'prod');
    expect(imported.cacert).toBe(ca.ca);
    expect(imported.cert).toBe(ca.client.cert);
    expect(imported.key).toBe(ca.client.key);
    writeFileSync(path, cloudsYaml('    cacert: missing.pem'));
    expect(fileError(() => fromCloudsYamlFile(path, 'prod'))).toMatchObject({ field: 'cacert', reason: expect.stringMatching(/cannot read 'missing\.pem': ENOENT/) });
  });

  it('maps OS_CACERT, OS_CERT, OS_KEY and OS_INSECURE from an openrc', () => {
    const openrc = `export OS_AUTH_URL=https://keystone.example.org:5000/v3
export OS_USERNAME=alice
export OS_PASSWORD=pw
export OS_PROJECT_NAME=hadoop
export OS_CACERT=${join(ca.directory, 'ca.pem')}
export OS_CERT=${join(ca.directory, 'client.pem')}
export OS_KEY=${join(ca.directory, 'client.key')}
export OS_INSECURE=true
`;
    expect(fileError(() => importOpenStackCredentials({ format: 'openrc', content: openrc }))).toMatchObject({ field: 'cacert', reason: expect.stringContaining('OS_CACERT in the openrc names a file') });
    const imported = importOpenStackCredentials({ format: 'openrc', content: openrc }, (file) => (file.endsWith('ca.pem') ? ca.ca : file.endsWith('client.pem') ? ca.client.cert : ca.client.key));
    expect(imported).toMatchObject({ cacert: ca.ca, cert: ca.client.cert, key: ca.client.key, insecure: true });
    expect(importOpenStackCredentials({ format: 'openrc', content: 'export OS_AUTH_URL=http://x\nexport OS_USERNAME=a\nexport OS_PASSWORD=b\nexport OS_INSECURE=false' })).not.toHaveProperty('insecure');
  });

  it('refuses bad PEM naming the field, and a key that is not the certificate\'s', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----';
    expect(fileError(() => importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml(`    cacert: |\n      ${broken.replace(/\n/g, '\n      ')}`), cloud: 'prod' }))).toMatchObject({
      field: 'cacert',
      reason: 'PEM block 1 is not a valid certificate',
    });
    const keyOnly = fileError(() => importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml(`    key: |\n      ${indent(ca.client.key)}`), cloud: 'prod' }));
    expect(keyOnly.field).toBe('cert');
    const mismatch = fileError(() =>
      importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml(`    cert: |\n      ${indent(ca.client.cert)}\n    key: |\n      ${indent(other.client.key)}`), cloud: 'prod' }),
    );
    expect(mismatch).toMatchObject({ field: 'key', reason: 'does not belong to the certificate in cert' });
    expect(mismatch.message).not.toContain('PRIVATE KEY');
    const notKey = fileError(() =>
      importOpenStackCredentials({ format: 'clouds.yaml', content: cloudsYaml(`    cert: |\n      ${indent(ca.client.cert)}\n    key: |\n      -----BEGIN PRIVATE KEY-----\n      AAAA\n      -----END PRIVATE KEY-----`), cloud: 'prod' }),
    );
    expect(notKey).toMatchObject({ field: 'key', reason: expect.stringMatching(/^is not a PEM private key/) });
  });
});
