import type { components } from '../../../api/generated/notifications';
import { ApiError, unwrap } from '../../../api/api-error';
import { notificationsApi } from '../../../api/client';

export type TemplateSummary = components['schemas']['TemplateSummaryDto'];
export type TemplateDetail = components['schemas']['TemplateDetailDto'];
export type TemplateProblem = components['schemas']['TemplateInvalidDto']['details']['problems'][number];
export interface Draft {
  subject: string;
  html: string;
  text: string;
}

export const listTemplates = () => unwrap(notificationsApi.GET('/v1/templates'));
export const getTemplate = (key: string) =>
  unwrap(notificationsApi.GET('/v1/templates/{key}', { params: { path: { key } } }));
export const previewTemplate = (key: string, draft: Draft) =>
  unwrap(notificationsApi.POST('/v1/templates/{key}/preview', { params: { path: { key } }, body: draft }));
export const saveTemplate = (key: string, draft: Draft) =>
  unwrap(notificationsApi.PUT('/v1/templates/{key}', { params: { path: { key } }, body: draft }));
export const resetTemplate = (key: string) =>
  unwrap(notificationsApi.DELETE('/v1/templates/{key}', { params: { path: { key } } }));

/** The problems of a refused template, by part (subject, html, text), for display beside each field. */
export function problemsOf(error: unknown): TemplateProblem[] {
  if (!(error instanceof ApiError) || error.body?.error !== 'template-invalid') return [];
  return ((error.body.details as { problems?: TemplateProblem[] } | undefined)?.problems ??
    []) as TemplateProblem[];
}
