import { INestApplication, Logger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication, service: string): void {
  const config = new DocumentBuilder()
    .setTitle(`Respire ${service} API`)
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth()
    .build();
  // OpenAPI 3.1, whose schemas are JSON Schema: zod's nullable fields (`"type": ["string", "null"]`)
  // are valid there, and every service's document declares the same version.
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config), { version: '3.1' });
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
    ui: canServeUi(),
  });
}

/**
 * The UI's assets are served by @fastify/static, which pulls an ESM-only dependency that Node 24
 * loads but Jest (without --experimental-vm-modules) cannot. Nest would exit the process on that
 * failure, so try first and keep /docs-json either way.
 */
function canServeUi(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a load probe, the value is unused
    require('@fastify/static');
    return true;
  } catch (error) {
    new Logger('OpenApi').warn(`Swagger UI off, /docs-json still served: ${(error as Error).message}`);
    return false;
  }
}
