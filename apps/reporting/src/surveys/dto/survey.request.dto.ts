import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { REGION_CODES } from '@respire/contracts';
import { surveyContentSchema, surveyWaveSchema } from '../domain/survey-definition';
import { SURVEY_TEMPLATES } from '../domain/survey-templates';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Identifiant de CPTS invalide')
  .max(63);

export const saveSurveySchema = z
  .object({
    template: z
      .enum(SURVEY_TEMPLATES.map((t) => t.key) as [string, ...string[]])
      .optional()
      .describe('a template key: its questions, frozen'),
    content: surveyContentSchema.optional().describe('your own questions (when no template)'),
    title: z.string().trim().min(1).max(200).optional().describe('a template survey’s own title'),
    programmeId: z.uuid().nullable().optional(),
    wave: surveyWaveSchema.nullable().optional(),
    opensOn: z.iso.date().describe('first local day answers are taken'),
    closesOn: z.iso.date().describe('last local day answers are taken'),
  })
  .refine((s) => Boolean(s.template) !== Boolean(s.content), {
    path: ['template'],
    message: 'Un modèle ou des questions, pas les deux',
  })
  .refine((s) => !s.programmeId === !s.wave, {
    path: ['wave'],
    message: 'Un programme va avec un temps : avant ou après',
  })
  .refine((s) => s.opensOn <= s.closesOn, {
    path: ['closesOn'],
    message: 'La clôture ne peut précéder l’ouverture',
  });
export class SaveSurveyDto extends createZodDto(saveSurveySchema) {}

export const surveyParamsSchema = z.object({ surveyId: z.uuid() });
export class SurveyParamsDto extends createZodDto(surveyParamsSchema) {}

export const publicSurveyParamsSchema = z.object({ slug, surveyId: z.uuid() });
export class PublicSurveyParamsDto extends createZodDto(publicSurveyParamsSchema) {}

export const listSurveysQuerySchema = z.object({ programmeId: z.uuid().optional() });
export class ListSurveysQueryDto extends createZodDto(listSurveysQuerySchema) {}

export const programmeParamsSchema = z.object({ programmeId: z.uuid() });
export class ProgrammeParamsDto extends createZodDto(programmeParamsSchema) {}

export const resultsFormatQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
export class ResultsFormatQueryDto extends createZodDto(resultsFormatQuerySchema) {}

export const answerSurveySchema = z.object({
  answers: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('by question id: a point, a number, a choice, choices or a text'),
  profile: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('profession, practiceMode, department: only those the survey asks'),
  quoteConsent: z
    .unknown()
    .optional()
    .describe('true: a free-text answer may be quoted, without anything else of the response'),
});
export class AnswerSurveyDto extends createZodDto(answerSurveySchema) {}

export const regionalResultsQuerySchema = z.object({
  template: z.enum(SURVEY_TEMPLATES.map((t) => t.key) as [string, ...string[]]),
  wave: surveyWaveSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export class RegionalResultsQueryDto extends createZodDto(regionalResultsQuerySchema) {}

export const regionSchema = z.enum(REGION_CODES);
