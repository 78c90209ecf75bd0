import { DomainError, fixedDomainError } from '@respire/platform';
import { SurveyContent, SurveyWave } from './survey-definition';

export type SurveyStatus = 'draft' | 'published';

export interface Survey {
  tenantId: string;
  surveyId: string;
  /** The template it was made from (its questions are then the template's, so waves and CPTS compare). */
  template: string | null;
  content: SurveyContent;
  programmeId: string | null;
  wave: SurveyWave | null;
  opensOn: string;
  closesOn: string;
  status: SurveyStatus;
  createdOn: string;
}

export class SurveyNotFoundError extends fixedDomainError('survey_not_found', 'Enquête introuvable.', 404) {}

export class SurveyClosedError extends DomainError {
  constructor(opensOn: string, closesOn: string) {
    super(
      'survey_closed',
      `Cette enquête n’est pas ouverte aux réponses (du ${opensOn} au ${closesOn}).`,
      410,
      { opensOn, closesOn },
    );
  }
}

export class SurveyAlreadyPublishedError extends fixedDomainError(
  'survey_published',
  'Une enquête publiée ne change plus : ses réponses portent sur ces questions.',
  409,
) {}

export class WaveTakenError extends fixedDomainError(
  'wave_taken',
  'Ce programme a déjà une enquête pour ce temps (avant ou après).',
  409,
) {}

export class InvalidResponseError extends DomainError {
  constructor(fields: { field: string; message: string }[]) {
    super('invalid_response', 'Certaines réponses sont à corriger.', 400, { fields });
  }
}

/** Whether a survey takes answers on a local day: published, and the day within its dates. */
export function acceptsAnswersOn(
  survey: Pick<Survey, 'status' | 'opensOn' | 'closesOn'>,
  day: string,
): boolean {
  return survey.status === 'published' && survey.opensOn <= day && day <= survey.closesOn;
}

/** A published survey is frozen: its answers refer to its questions as they were. */
export function assertEditable(survey: Pick<Survey, 'status'>): void {
  if (survey.status !== 'draft') throw new SurveyAlreadyPublishedError();
}
