import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { GROUP_DIMENSIONS } from '../domain/report-groups';

const scopeShape = {
  from: z.iso.date().optional().describe('first local date of the period, inclusive (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('last local date of the period, inclusive (YYYY-MM-DD)'),
  programmeId: z.uuid().optional().describe('only sessions of this programme'),
};

const periodInOrder = (query: { from?: string; to?: string }) =>
  !query.from || !query.to || query.from <= query.to;
const periodMessage = { path: ['to'], message: 'to must not be before from' };

export const reportQuerySchema = z.object(scopeShape).refine(periodInOrder, periodMessage);
export class ReportQueryDto extends createZodDto(reportQuerySchema) {}

export const reportFormatQuerySchema = z
  .object({
    ...scopeShape,
    format: z
      .enum(['json', 'csv'])
      .default('json')
      .describe('csv: the same table for a spreadsheet (; separated, UTF-8 with BOM)'),
  })
  .refine(periodInOrder, periodMessage);
export class ReportFormatQueryDto extends createZodDto(reportFormatQuerySchema) {}

export const sessionReportParamsSchema = z.object({ id: z.uuid() });
export class SessionReportParamsDto extends createZodDto(sessionReportParamsSchema) {}

export const breakdownParamsSchema = z.object({
  dimension: z
    .enum(GROUP_DIMENSIONS)
    .describe('what the rows are: activity, category, programme, venue or month'),
});
export class BreakdownParamsDto extends createZodDto(breakdownParamsSchema) {}
