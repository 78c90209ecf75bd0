import SwaggerParser from '@apidevtools/swagger-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/openapi/<service>.json is what the back office's typed client is generated from and what
 * other tools read: each must be a valid OpenAPI document, of the version it declares.
 */
const DIR = join(__dirname, '..', 'docs', 'openapi');
const files = readdirSync(DIR).filter((file) => file.endsWith('.json'));

describe('the OpenAPI documents', () => {
  it('cover every service', () => {
    expect(files.sort()).toEqual([
      'catalog.json',
      'identity.json',
      'notifications.json',
      'registration.json',
      'reporting.json',
    ]);
  });

  it.each(files)('%s is valid', async (file) => {
    const document = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
  });
});
