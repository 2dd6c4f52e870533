import type { OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { toOpenApi31 } from './openapi-3-1';

function documentWith(schemas: Record<string, unknown>, parameterSchema: Record<string, unknown> = { type: 'string' }): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { get: { parameters: [{ in: 'query', name: 'q', schema: parameterSchema }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string', nullable: true } } } } } } } },
    components: { schemas },
  } as unknown as OpenAPIObject;
}

describe('toOpenApi31', () => {
  it('turns nullable into a union with null, typed, enumerated, referenced and nested alike', () => {
    const document = toOpenApi31(
      documentWith(
        {
          View: {
            type: 'object',
            properties: {
              name: { type: 'string', nullable: true },
              state: { type: 'string', enum: ['a', 'b'], nullable: true },
              owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true, description: 'who' },
              tags: { type: 'array', items: { type: 'integer', nullable: true } },
              plain: { type: 'string', nullable: false },
            },
          },
        },
        { type: 'number', nullable: true },
      ),
    );
    expect(document.openapi).toBe('3.1.0');
    const properties = (document.components!.schemas!.View as { properties: Record<string, unknown> }).properties;
    expect(properties.name).toEqual({ type: ['string', 'null'] });
    expect(properties.state).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(properties.owner).toEqual({ anyOf: [{ allOf: [{ $ref: '#/components/schemas/Owner' }] }, { type: 'null' }], description: 'who' });
    expect(properties.tags).toEqual({ type: 'array', items: { type: ['integer', 'null'] } });
    expect(properties.plain).toEqual({ type: 'string' });
    const operation = document.paths['/x'].get as unknown as { parameters: { schema: unknown }[]; responses: Record<string, { content: Record<string, { schema: unknown }> }> };
    expect(operation.parameters[0].schema).toEqual({ type: ['number', 'null'] });
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ type: ['string', 'null'] });
  });
});
