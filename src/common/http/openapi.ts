import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { toOpenApi31 } from './openapi-3-1';

/** Operations marked with this extension need no key: their security requirement is lifted. */
const PUBLIC_EXTENSION = 'x-herd-public';
const BEARER = 'bearer';

export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('herd')
    .setDescription('Hadoop clusters as a service: blueprints, credentials, clusters and their operations on sim, Docker and OpenStack.')
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An opaque herd API key (herd_…), sent as "Authorization: Bearer <key>"; it is not a JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  SwaggerModule.setup('docs', app, () => finish(SwaggerModule.createDocument(app, config)), { jsonDocumentUrl: 'docs-json' });
}

function finish(document: OpenAPIObject): OpenAPIObject {
  const scheme = document.components?.securitySchemes?.[BEARER] as { bearerFormat?: string } | undefined;
  if (scheme) delete scheme.bearerFormat;
  if (document.info.contact && Object.keys(document.info.contact).length === 0) delete document.info.contact;
  liftSecurityOfPublicRoutes(document);
  mergeRepeatedHeaders(document);
  return toOpenApi31(document);
}

function operationsOf(document: OpenAPIObject): Record<string, unknown>[] {
  return Object.values(document.paths).flatMap((item) => Object.values(item).filter((operation): operation is Record<string, unknown> => !!operation && typeof operation === 'object'));
}

function liftSecurityOfPublicRoutes(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    if (operation[PUBLIC_EXTENSION] === true) operation.security = [];
  }
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
}

/**
 * A header a route reads with `@Headers('x')` and documents with `@ApiHeader` appears twice, the
 * read one required; header names are case-insensitive, so they are one parameter: the documented one.
 */
function mergeRepeatedHeaders(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    const parameters = operation.parameters as Parameter[] | undefined;
    if (!parameters) continue;
    const headers = new Map<string, Parameter>();
    operation.parameters = parameters.filter((parameter) => {
      if (parameter.in !== 'header') return true;
      const name = parameter.name.toLowerCase();
      const seen = headers.get(name);
      if (!seen) {
        headers.set(name, parameter);
        return true;
      }
      const documented = seen.description !== undefined ? seen : parameter;
      Object.assign(seen, { ...documented, required: (seen.required ?? false) && (parameter.required ?? false) });
      return false;
    });
  }
}
