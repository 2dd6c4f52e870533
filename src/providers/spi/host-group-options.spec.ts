import { describe, expect, it } from 'vitest';
import { HERD_REASON, HostGroupOptionsSchema } from './host-group-options';

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['image'],
  properties: {
    image: { type: 'string', minLength: 1 },
    antiAffinity: { type: 'boolean' },
    retries: { type: 'integer', minimum: 0, maximum: 9, [HERD_REASON]: 'must be an integer from 0 to 9' },
    mode: { enum: ['fast', 'safe'] },
    networks: { oneOf: [{ enum: ['auto'] }, { type: 'array', items: { type: 'string' } }], [HERD_REASON]: "must be 'auto' or a list of ids" },
    volumes: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string' } } } },
  },
};

const options = HostGroupOptionsSchema.of(SCHEMA);

describe('HostGroupOptionsSchema', () => {
  it('accepts what the schema describes', () => {
    expect(options.problems({ image: 'x', antiAffinity: true, retries: 3, mode: 'safe', networks: ['n1'], volumes: [{ name: 'v' }] }, 'hostGroups[0].options')).toEqual([]);
  });

  it('names the field of each problem in the JSON Schema words, or in the schema\'s own reason', () => {
    expect(options.problems({ image: 'x', antiAffinity: 'yes', retries: 10, mode: 'slow', networks: 'none' }, 'hostGroups[1].options')).toEqual([
      { field: 'hostGroups[1].options.antiAffinity', reason: 'must be boolean' },
      { field: 'hostGroups[1].options.retries', reason: 'must be an integer from 0 to 9' },
      { field: 'hostGroups[1].options.mode', reason: 'must be one of fast, safe' },
      { field: 'hostGroups[1].options.networks', reason: "must be 'auto' or a list of ids" },
    ]);
  });

  it('refuses a misspelt option and names the known ones; a missing one is required', () => {
    expect(options.problems({ imgae: 'x' }, 'hostGroups[0].options')).toEqual([
      { field: 'hostGroups[0].options.image', reason: 'is required' },
      { field: 'hostGroups[0].options.imgae', reason: 'is not a known option (known: image, antiAffinity, retries, mode, networks, volumes)' },
    ]);
  });

  it('names fields inside lists and nested objects', () => {
    expect(options.problems({ image: 'x', volumes: [{ name: 'a' }, { nmae: 'b' }] }, 'o')).toEqual([
      { field: 'o.volumes[1].name', reason: 'is required' },
      { field: 'o.volumes[1].nmae', reason: 'is not a known option (known: name)' },
    ]);
  });

  it('reads the options that passed and leaves out the others, or only its own keys', () => {
    expect(options.read({ image: 'x', retries: -1, mode: 'fast', other: 1 }, 'o')).toEqual({
      accepted: { image: 'x', mode: 'fast' },
      problems: [
        { field: 'o.other', reason: 'is not a known option (known: image, antiAffinity, retries, mode, networks, volumes)' },
        { field: 'o.retries', reason: 'must be an integer from 0 to 9' },
      ],
    });
    expect(options.read({ image: 'x', other: 1 }, 'o', { ownOnly: true })).toEqual({ accepted: { image: 'x' }, problems: [] });
  });

  it('compiles a schema once', () => {
    expect(HostGroupOptionsSchema.of(SCHEMA)).toBe(options);
  });

  it.each([
    [[], 'must be a JSON Schema object'],
    [{ type: 'array' }, 'must describe an object'],
    [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }, '$schema must be "https://json-schema.org/draft/2020-12/schema"'],
    [{ type: 'object', properties: { a: { type: 'strnig' } } }, 'is not a valid JSON Schema'],
    [{ type: 'object', properties: { a: { minimun: 1 } } }, 'is not a valid JSON Schema'],
    [{ type: 'object', properties: { a: { [HERD_REASON]: 42 } } }, 'is not a valid JSON Schema'],
  ])('refuses the schema %j, saying why', (schema, why) => {
    expect(() => HostGroupOptionsSchema.of(schema as never)).toThrow(why);
  });
});
