import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const includeArchivedSchema = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => value === 'true')
  .describe('also list archived ones');

export class ListQueryDto extends createZodDto(z.object({ includeArchived: includeArchivedSchema })) {}
