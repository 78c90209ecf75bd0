import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';

/** The answers of the template and delivery routes, for the clients generated from docs/openapi/notifications.json. */
const parts = { subject: z.string(), html: z.string(), text: z.string() };

export class TemplateSummaryDto extends createDocumentedDto(
  z.object({
    key: z.string(),
    description: z.string(),
    optOut: z.boolean(),
    overridden: z.boolean().describe('the tenant’s own wording'),
  }),
) {}

export class TemplateDetailDto extends createDocumentedDto(
  z.object({
    key: z.string(),
    description: z.string(),
    ...parts,
    overridden: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    variables: z.array(z.string()).describe('paths the template may use, e.g. session.title'),
    helpers: z.array(z.string()),
    defaults: z.object(parts).describe('the French default wording'),
  }),
) {}

export class SavedTemplateDto extends createDocumentedDto(
  z.object({
    key: z.string(),
    ...parts,
    overridden: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  }),
) {}

export class TemplatePreviewDto extends createDocumentedDto(z.object({ key: z.string(), ...parts })) {}

export const templateProblemSchema = z.object({
  part: z.enum(['subject', 'html', 'text']),
  line: z.number().int(),
  column: z.number().int().nullable(),
  reason: z.string(),
});

export class TemplateInvalidDto extends createDocumentedDto(
  z.object({
    error: z.literal('template-invalid'),
    message: z.string(),
    details: z.object({ problems: z.array(templateProblemSchema) }),
  }),
) {}
