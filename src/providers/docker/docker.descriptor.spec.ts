import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { DOCKER_CREDENTIAL_SCHEMA, dockerEndpoint } from './docker.descriptor';

const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictRequired: false });
ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
const validate = ajv.compile(DOCKER_CREDENTIAL_SCHEMA);

describe('docker credential schema', () => {
  it.each([
    [{ socketPath: '/var/run/docker.sock' }],
    [{ socketPath: '/run/herd-docker.sock', pullPolicy: 'ifNotPresent' }],
    [{ host: 'docker.example.org', port: 2376, tls: { ca: 'CA', cert: 'CERT', key: 'KEY' }, pullPolicy: 'always' }],
    [{ host: '10.0.0.5' }],
  ])('accepts %j', (parameters) => {
    expect(validate(parameters), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [{}, 'no endpoint'],
    [{ socketPath: '/x.sock', host: 'h' }, 'two endpoints'],
    [{ socketPath: 'relative.sock' }, 'a relative socket path'],
    [{ socketPath: '/x.sock', port: 2376 }, 'a port without a host'],
    [{ host: 'h', tls: { cert: 'CERT' } }, 'a client certificate without its key'],
    [{ host: 'h', pullPolicy: 'sometimes' }, 'an unknown pull policy'],
    [{ host: 'h', password: 'x' }, 'an unknown field'],
  ])('refuses %j (%s)', (parameters: object, _why: string) => {
    expect(validate(parameters)).toBe(false);
  });

  it('marks only the TLS key as secret', () => {
    expect(JSON.stringify(DOCKER_CREDENTIAL_SCHEMA).match(/"x-secret":true/g)).toHaveLength(1);
    expect((DOCKER_CREDENTIAL_SCHEMA.properties as Record<string, { properties: Record<string, unknown> }>).tls.properties.key).toMatchObject({ 'x-secret': true });
  });

  it('names the endpoint as a URL for the egress policy', () => {
    expect(dockerEndpoint({ socketPath: '/run/d.sock' })).toEqual({ field: 'socketPath', url: 'unix:///run/d.sock' });
    expect(dockerEndpoint({ host: 'd.example.org' })).toEqual({ field: 'host', url: 'http://d.example.org:2375' });
    expect(dockerEndpoint({ host: 'fd00::5', tls: { ca: 'CA' } })).toEqual({ field: 'host', url: 'https://[fd00::5]:2376' });
  });
});
