import type { components, operations } from '../../../api/generated/reporting';
import { unwrap } from '../../../api/api-error';
import { reportingApi } from '../../../api/client';

export type RegionalSummary = components['schemas']['RegionalSummaryDto'];
export type RegionalSurveyResults = components['schemas']['RegionalSurveyResultsDto'];
export type RegionalTemplateKey = NonNullable<
  operations['FunderController_surveyResults']['parameters']['query']
>['template'];

export const regionKeys = {
  summary: ['region', 'summary'] as const,
  surveyResults: (template: RegionalTemplateKey) => ['region', 'survey-results', template] as const,
};

export const regionalSummary = () =>
  unwrap(reportingApi.GET('/v1/funder/summary', { params: { query: {} } }));

export const regionalSurveyResults = (template: RegionalTemplateKey) =>
  unwrap(
    reportingApi.GET('/v1/funder/survey-results', { params: { query: { template, format: 'json' } } }),
  ) as Promise<RegionalSurveyResults>;
