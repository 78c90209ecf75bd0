import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { localDateSchema } from '../fragments';

export const SURVEY_WAVES = ['before', 'after'] as const;
export const surveyWaveSchema = z
  .enum(SURVEY_WAVES)
  .describe('before or after the programme, compared in the results');

export const SURVEY_PUBLISHED_V1 = defineEvent({
  type: 'surveys.survey.published',
  version: 1,
  topic: Topic.Surveys,
  description:
    'A coordinator published an anonymous survey of the CPTS at a public link, open between two local dates. ' +
    'Attached to a programme as its "before" or "after" wave, it is the survey feedback requests of that ' +
    'programme may point to.',
  schema: z.object({
    surveyId: z.uuid(),
    title: z.string().min(1),
    programmeId: z.uuid().nullable(),
    wave: surveyWaveSchema.nullable(),
    opensOn: localDateSchema,
    closesOn: localDateSchema,
    url: z.url().describe('the public page where it is answered'),
  }),
  partitionKey: (data) => data.surveyId,
  keyedBy: 'surveyId',
  example: {
    surveyId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c20',
    title: 'Baromètre du bien-être des soignants',
    programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
    wave: 'before',
    opensOn: '2026-01-05',
    closesOn: '2026-02-28',
    url: 'https://respire.example.org/capacites-besancon/enquetes/0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c20',
  },
});

export type SurveyPublishedV1 = z.infer<typeof SURVEY_PUBLISHED_V1.schema>;
