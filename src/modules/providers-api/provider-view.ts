import { ApiProperty } from '@nestjs/swagger';
import type { ProviderEntry } from '../../providers/registry';
import type { InstanceType, JsonSchema, ProviderCapabilities } from '../../providers/spi';

/** One backend as a user compares it with the others before choosing. */
export class ProviderView {
  @ApiProperty({ example: 'sim' }) kind: string;
  @ApiProperty({ example: 'default' }) variant: string;
  @ApiProperty({ example: 'Simulator' }) displayName: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'What the backend can do (stop/start, scale, container options, ...)', type: 'object', additionalProperties: true })
  capabilities: ProviderCapabilities;
  @ApiProperty({ description: 'JSON Schema (draft 2020-12) of the credential parameters; secret fields carry "x-secret": true', type: 'object', additionalProperties: true })
  credentialSchema: JsonSchema;
  @ApiProperty({ description: 'Paths of the secret parameters, encrypted at rest and masked in responses', example: ['accessToken'], type: [String] })
  secretFields: string[];
  @ApiProperty({ description: 'Node sizes a host group can ask for', type: 'array', items: { type: 'object', additionalProperties: true } })
  instanceTypes: InstanceType[];
  @ApiProperty({ description: 'The default instance type of a host group that names none; null: every host group must name one', example: 'medium', type: String, nullable: true })
  defaultInstanceType: string | null;
  @ApiProperty({
    description: 'JSON Schema (draft 2020-12) of one host group\'s options, against which every cluster request is checked; null: any object, checked by the provider\'s pre-flight',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  hostGroupOptionsSchema: JsonSchema | null;
  @ApiProperty({ example: 'built-in', description: '"built-in" or the plugin that provides it' }) source: string;
}

export function providerViewOf(entry: ProviderEntry): ProviderView {
  const { descriptor, schema, source } = entry;
  return {
    kind: descriptor.kind,
    variant: descriptor.variant,
    displayName: descriptor.displayName,
    description: descriptor.description,
    capabilities: descriptor.capabilities,
    credentialSchema: descriptor.credentialSchema,
    secretFields: schema.secretPaths.map((path) => path.join('.')),
    instanceTypes: descriptor.instanceTypes,
    defaultInstanceType: descriptor.defaultInstanceType ?? null,
    hostGroupOptionsSchema: descriptor.hostGroupOptionsSchema ?? null,
    source,
  };
}
