import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Operations marked with this extension need no key: their security requirement is lifted. */
const PUBLIC_EXTENSION = 'x-herd-public';

export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('herd')
    .setDescription('Hadoop clusters as a service: blueprints, credentials, clusters and their operations on sim, Docker and OpenStack.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A herd API key' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => liftSecurityOfPublicRoutes(SwaggerModule.createDocument(app, config)), { jsonDocumentUrl: 'docs-json' });
}

function liftSecurityOfPublicRoutes(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === 'object' && (operation as Record<string, unknown>)[PUBLIC_EXTENSION] === true) {
        (operation as { security?: unknown[] }).security = [];
      }
    }
  }
  return document;
}
