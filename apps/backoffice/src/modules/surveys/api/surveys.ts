import type { components } from '../../../api/generated/reporting';
import { unwrap } from '../../../api/api-error';
import { reportingApi } from '../../../api/client';
import { sessionToken } from '../../../api/session-token';

export type SurveyTemplate = components['schemas']['SurveyTemplateDto'];
export type SurveyListItem = components['schemas']['SurveyListItemDto'];
export type SurveyResults = components['schemas']['SurveyResultsDto'];
export type WaveComparison = components['schemas']['WaveComparisonDto'];
export type SaveSurvey = components['schemas']['SaveSurveyDto'];

export const surveyKeys = {
  templates: ['surveys', 'templates'] as const,
  list: ['surveys'] as const,
  results: (surveyId: string) => ['surveys', surveyId, 'results'] as const,
  comparison: (programmeId: string) => ['surveys', 'comparison', programmeId] as const,
};

export const listTemplates = () => unwrap(reportingApi.GET('/v1/surveys/templates'));
export const listSurveys = () => unwrap(reportingApi.GET('/v1/surveys', { params: { query: {} } }));
export const createSurvey = (body: SaveSurvey) => unwrap(reportingApi.POST('/v1/surveys', { body }));
export const publishSurvey = (surveyId: string) =>
  unwrap(reportingApi.POST('/v1/surveys/{surveyId}/publish', { params: { path: { surveyId } } }));
export const surveyResults = (surveyId: string) =>
  unwrap(
    reportingApi.GET('/v1/surveys/{surveyId}/results', {
      params: { path: { surveyId }, query: { format: 'json' } },
    }),
  ) as Promise<SurveyResults>;
export const waveComparison = (programmeId: string) =>
  unwrap(
    reportingApi.GET('/v1/surveys/programmes/{programmeId}/comparison', {
      params: { path: { programmeId } },
    }),
  );

/** The CSV needs the bearer token, so it is fetched and handed to the browser as a file. */
export async function downloadResultsCsv(surveyId: string): Promise<void> {
  const response = await fetch(`/v1/surveys/${surveyId}/results?format=csv`, {
    headers: { authorization: `Bearer ${await sessionToken.accessToken()}` },
  });
  if (!response.ok) throw new Error(`export: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `enquete-${surveyId}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}
