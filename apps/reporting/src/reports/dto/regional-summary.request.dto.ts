import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const regionalSummaryQuerySchema = z
  .object({
    from: z.iso.date().optional().describe('first local date of the period, inclusive (YYYY-MM-DD)'),
    to: z.iso.date().optional().describe('last local date of the period, inclusive (YYYY-MM-DD)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export class RegionalSummaryQueryDto extends createZodDto(regionalSummaryQuerySchema) {}
