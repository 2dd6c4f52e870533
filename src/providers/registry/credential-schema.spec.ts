import { describe, expect, it } from 'vitest';
import { SIM_CREDENTIAL_SCHEMA } from '../sim/sim.descriptor';
import { CredentialSchema } from './credential-schema';

describe('CredentialSchema', () => {
  it('finds the sim secret and validates parameters with field paths', () => {
    const schema = CredentialSchema.compile(SIM_CREDENTIAL_SCHEMA);
    expect(schema.secretPaths).toEqual([['accessToken']]);
    expect(schema.validate({ latencyMs: 10, accessToken: 'x' })).toEqual([]);
    expect(schema.validate({ latencyMs: 'fast', transientFailureRate: { launch: 2 }, unhealthyHostGroups: ['ok', 7], colour: 'red' })).toEqual(
      expect.arrayContaining([
        { field: 'parameters.latencyMs', reason: 'must be integer' },
        { field: 'parameters.transientFailureRate.launch', reason: 'must be <= 1' },
        { field: 'parameters.unhealthyHostGroups[1]', reason: 'must be string' },
        { field: 'parameters.colour', reason: 'is not a known field' },
      ]),
    );
  });

  it('names a missing required field', () => {
    const schema = CredentialSchema.compile({ type: 'object', required: ['endpoint'], properties: { endpoint: { type: 'string' } } });
    expect(schema.validate({})).toEqual([{ field: 'parameters.endpoint', reason: 'is required' }]);
  });

  it('accepts "required" inside oneOf branches, as endpoint alternatives are usually written', () => {
    const schema = CredentialSchema.compile({
      type: 'object',
      additionalProperties: false,
      properties: { socketPath: { type: 'string' }, host: { type: 'string' } },
      oneOf: [{ required: ['socketPath'], not: { required: ['host'] } }, { required: ['host'] }],
    });
    expect(schema.validate({ socketPath: '/run/docker.sock' })).toEqual([]);
    expect(schema.validate({})).toEqual(
      expect.arrayContaining([{ field: 'parameters', reason: 'must match exactly one schema in oneOf' }]),
    );
  });

  it('finds nested secrets', () => {
    const schema = CredentialSchema.compile({
      type: 'object',
      properties: { tls: { type: 'object', properties: { key: { type: 'string', 'x-secret': true }, ca: { type: 'string' } } }, password: { type: 'string', 'x-secret': true } },
    });
    expect(schema.secretPaths).toEqual([['tls', 'key'], ['password']]);
  });

  it('refuses a secret mark herd could not encrypt', () => {
    expect(() => CredentialSchema.compile({ type: 'object', properties: { keys: { type: 'array', items: { type: 'string', 'x-secret': true } } } })).toThrow(/outside nested "properties"/);
  });

  it('refuses an invalid schema, one that is not an object, and another draft', () => {
    expect(() => CredentialSchema.compile({ type: 'object', properties: { port: { type: 'integr' } } })).toThrow(/not a valid JSON Schema/);
    expect(() => CredentialSchema.compile({ type: 'object', properties: { port: { type: 'integer', minimun: 1 } } })).toThrow(/not a valid JSON Schema.*minimun/);
    expect(() => CredentialSchema.compile({ type: 'string' })).toThrow(/describe an object/);
    expect(() => CredentialSchema.compile({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' })).toThrow(/2020-12/);
  });
});
