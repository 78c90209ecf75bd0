import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { surveyContentSchema, surveyWaveSchema } from '../domain/survey-definition';

/** OpenAPI description of the survey answers (documentation: the use cases build them). */

const count = z
  .union([z.number().int().nonnegative(), z.enum(['<5', '≥5'])])
  .describe('a count of people; "<5" or "≥5" when hidden by small-count protection');
const share = z.number().nullable().describe('percentage 0–100; null when it would reveal a hidden count');

const header = {
  surveyId: z.uuid(),
  title: z.string(),
  template: z.string().nullable().describe('the template key, or null for own questions'),
  programmeId: z.uuid().nullable(),
  wave: surveyWaveSchema.nullable(),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  status: z.enum(['draft', 'published']),
};

export class SurveyTemplateDto extends createDocumentedDto(
  z.object({ key: z.string(), name: z.string(), description: z.string(), content: surveyContentSchema }),
) {}

export class SurveyListItemDto extends createDocumentedDto(
  z.object({ ...header, responses: z.number().int() }),
) {}

export class SurveyDto extends createDocumentedDto(z.object({ ...header, content: surveyContentSchema })) {}

const savedSurvey = z.object({
  tenantId: z.uuid(),
  surveyId: z.uuid(),
  template: z.string().nullable(),
  content: surveyContentSchema,
  programmeId: z.uuid().nullable(),
  wave: surveyWaveSchema.nullable(),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  status: z.enum(['draft', 'published']),
  createdOn: z.iso.date(),
});

export class SavedSurveyDto extends createDocumentedDto(savedSurvey) {}

export class PublishedSurveyDto extends createDocumentedDto(
  savedSurvey.extend({ url: z.string().describe('the public page where it is answered') }),
) {}

const distribution = {
  answered: count,
  skipped: count,
  options: z.array(z.object({ value: z.union([z.string(), z.number()]), label: z.string(), count, share })),
  mean: z.number().nullable().describe('shown only when every count of the distribution is'),
  agreeing: z.object({ count, share }).nullable().describe('Likert questions with agreeing points'),
};

const results = z.object({
  threshold: z.number().int(),
  withheld: z.boolean(),
  respondents: count,
  dimensions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      groups: z.array(z.object({ value: z.string(), label: z.string(), respondents: count })),
    }),
  ),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(['likert', 'single', 'multiple', 'number', 'text']),
      overall: z.object(distribution),
      breakdowns: z.array(
        z.object({
          dimension: z.string(),
          groups: z.array(z.object({ value: z.string(), label: z.string(), ...distribution })),
        }),
      ),
      quotes: z.array(z.string()).optional().describe('free text whose author consented to be quoted'),
    }),
  ),
});

export class SurveyResultsDto extends createDocumentedDto(z.object({ survey: z.object(header), results })) {}

const wave = z.object({ answered: count, mean: z.number().nullable(), agreeingShare: z.number().nullable() });
export class WaveComparisonDto extends createDocumentedDto(
  z.object({
    programmeId: z.uuid(),
    before: z.object({ survey: z.object(header), respondents: count }),
    after: z.object({ survey: z.object(header), respondents: count }),
    questions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        before: wave,
        after: wave,
        meanChange: z.number().nullable(),
        agreeingChange: z.number().nullable(),
      }),
    ),
  }),
) {}

export class PublicSurveyDto extends createDocumentedDto(
  surveyContentSchema.extend({
    tenant: z.object({ name: z.string() }).passthrough(),
    surveyId: z.uuid(),
    opensOn: z.iso.date(),
    closesOn: z.iso.date(),
    open: z.boolean().describe('takes answers today'),
  }),
) {}

export class SurveyAnswerReceivedDto extends createDocumentedDto(z.object({ received: z.literal(true) })) {}

export class FunderCptsDto extends createDocumentedDto(z.object({ tenantId: z.uuid(), name: z.string() })) {}

export class RegionalSurveyResultsDto extends createDocumentedDto(
  z.object({
    region: z.string(),
    template: z.object({ key: z.string(), name: z.string() }),
    wave: surveyWaveSchema.nullable(),
    surveys: z.number().int().describe('published surveys of the template across the region'),
    results: results.describe(
      'the CPTS are one more breakdown (dimension "cpts") of the same protected table',
    ),
  }),
) {}
