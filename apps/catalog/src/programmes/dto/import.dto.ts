import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export class ImportQueryDto extends createZodDto(
  z.object({
    dryRun: flag.describe('check only: report what would be created and every error by line'),
    publish: flag.describe('publish the imported sessions at once (default: drafts)'),
  }),
) {}

/** The file, as a text/csv body or JSON `{csv}`. */
export const importBodySchema = z.union([
  z.string().min(1, 'the CSV body is empty'),
  z.object({ csv: z.string().min(1, 'the CSV is empty') }).transform((body) => body.csv),
]);
