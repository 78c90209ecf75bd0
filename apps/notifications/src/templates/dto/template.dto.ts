import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const parts = {
  subject: z.string().trim().min(1).max(300).describe('handlebars, one line'),
  html: z
    .string()
    .min(1)
    .max(100_000)
    .describe('handlebars; the body inside the shared layout; variables are HTML-escaped'),
  text: z.string().min(1).max(50_000).describe('handlebars; the plain-text body inside the shared layout'),
};

export class PutTemplateDto extends createZodDto(z.object(parts).strict()) {}

export class PreviewTemplateDto extends createZodDto(
  z
    .object({
      subject: parts.subject.optional(),
      html: parts.html.optional(),
      text: parts.text.optional(),
    })
    .strict()
    .describe('a draft to preview; parts left out come from the current template'),
) {}
