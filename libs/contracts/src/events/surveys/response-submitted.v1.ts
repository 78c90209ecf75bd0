import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { localDateSchema } from '../fragments';
import { surveyWaveSchema } from './survey-published.v1';

export const SURVEY_RESPONSE_SUBMITTED_V1 = defineEvent({
  type: 'surveys.response-submitted',
  version: 1,
  topic: Topic.Surveys,
  description:
    'Someone answered a survey. Anonymous by construction: no identity, no answer, no response id and no time ' +
    'finer than the day (`submittedOn`) in the data; the envelope subject is the surveyId. A count to follow ' +
    'participation, never a way back to a person or to what they answered.',
  schema: z.object({
    surveyId: z.uuid(),
    programmeId: z.uuid().nullable(),
    wave: surveyWaveSchema.nullable(),
    submittedOn: localDateSchema.describe('the local day the answer arrived'),
  }),
  partitionKey: (data) => data.surveyId,
  keyedBy: 'surveyId',
  example: {
    surveyId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c20',
    programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
    wave: 'before',
    submittedOn: '2026-01-12',
  },
});

export type SurveyResponseSubmittedV1 = z.infer<typeof SURVEY_RESPONSE_SUBMITTED_V1.schema>;
