import { DateTime } from 'luxon';
import { v4 as uuidv4 } from 'uuid';
import { createEvent, SURVEY_PUBLISHED_V1, SURVEY_RESPONSE_SUBMITTED_V1 } from '@respire/contracts';
import { Survey } from './survey';

export const SURVEYS_SOURCE = 'reporting';

export function surveyPublished(survey: Survey, url: string, correlationId?: string) {
  return createEvent(
    SURVEY_PUBLISHED_V1,
    {
      surveyId: survey.surveyId,
      title: survey.content.title,
      programmeId: survey.programmeId,
      wave: survey.wave,
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
      url,
    },
    { tenantId: survey.tenantId, subject: survey.surveyId, source: SURVEYS_SOURCE, correlationId },
  );
}

/**
 * An answer arrived, told without time: a random (v4) id, `occurredAt` the start of the local
 * day, and no correlation id of the request (logs carry it with the time of the request).
 */
export function responseSubmitted(survey: Survey, day: string, timezone: string) {
  return createEvent(
    SURVEY_RESPONSE_SUBMITTED_V1,
    { surveyId: survey.surveyId, programmeId: survey.programmeId, wave: survey.wave, submittedOn: day },
    {
      id: uuidv4(),
      tenantId: survey.tenantId,
      subject: survey.surveyId,
      source: SURVEYS_SOURCE,
      occurredAt: DateTime.fromISO(day, { zone: timezone }).startOf('day').toJSDate(),
    },
  );
}
