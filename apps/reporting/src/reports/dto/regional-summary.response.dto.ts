import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { PEOPLE_METRICS } from '../domain/report-figures';

const count = z
  .union([z.number().int().nonnegative(), z.enum(['<5', '≥5'])])
  .describe('a count of people; "<5" or "≥5" when hidden by small-count protection');
const rate = z.number().min(0).nullable().describe('0–1; null when it would reveal a hidden count');
const profile = z.array(z.object({ value: z.string(), participants: count }));

const row = z.object({
  tenantId: z.uuid().nullable().describe('null for the region combined'),
  name: z.string(),
  figures: z.object({
    sessions: z.number().int(),
    sessionsHeld: z.number().int(),
    sessionsCancelled: z.number().int(),
    placesOffered: z.number().int(),
    ...Object.fromEntries(PEOPLE_METRICS.map((metric) => [metric, count])),
    fillRate: rate,
    attendanceRate: rate,
    uniqueParticipants: count,
    returningParticipants: count,
    profiledParticipants: count.describe(
      'participants of non-confidential sessions: what the profile breakdowns add up to',
    ),
    byProfession: profile,
    byPracticeMode: profile,
  }),
});

export class RegionalSummaryDto extends createDocumentedDto(
  z.object({
    region: z.string(),
    scope: z.object({ from: z.string().nullable(), to: z.string().nullable(), generatedAt: z.string() }),
    protection: z.object({ threshold: z.number().int(), hidden: z.array(z.string()), rule: z.string() }),
    withheld: z
      .boolean()
      .describe('true when no cell-by-cell protection was found and every count is hidden'),
    cpts: z.array(row).describe('the CPTS of the region side by side'),
    combined: row.describe('the region: the sum of its CPTS, protected in the same table'),
  }),
) {}
