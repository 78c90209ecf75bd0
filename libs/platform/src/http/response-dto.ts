import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

type PropertyMetadata = Record<string, unknown> & { type?: unknown };
type MetadataFactory = { _OPENAPI_METADATA_FACTORY(): Record<string, PropertyMetadata> };

/**
 * `createZodDto` for OpenAPI documents that clients are generated from. zod writes a bare
 * nullable primitive as `"type": ["string", "null"]`, which @nestjs/swagger then reads as an
 * *array* of strings; this rewrites such a property as `anyOf: [{type: string}, {type: null}]`,
 * which both read correctly.
 */
export function createDocumentedDto<S extends z.ZodType>(schema: S) {
  const Dto = createZodDto(schema);
  const original = (Dto as unknown as MetadataFactory)._OPENAPI_METADATA_FACTORY.bind(Dto);
  Object.defineProperty(Dto, '_OPENAPI_METADATA_FACTORY', { value: () => fixNullableTypes(original()) });
  return Dto;
}

export function fixNullableTypes(
  properties: Record<string, PropertyMetadata>,
): Record<string, PropertyMetadata> {
  for (const property of Object.values(properties)) {
    if (!Array.isArray(property.type)) continue;
    property.anyOf = (property.type as string[]).map((type) => ({ type }));
    property.type = '';
    property['x-nestjs_zod-empty-type'] = true;
  }
  return properties;
}
