import type { components as NotificationsSchemas } from '../../../api/generated/notifications';
import { unwrap } from '../../../api/api-error';
import { notificationsApi } from '../../../api/client';

export type MessageDraft = NotificationsSchemas['schemas']['SessionMessageDto'];
export type MessagePreview = NotificationsSchemas['schemas']['SessionMessagePreviewDto'];

export const messageKeys = { list: (sessionId: string) => ['sessions', sessionId, 'messages'] as const };

export function previewMessage(sessionId: string, body: MessageDraft) {
  return unwrap(
    notificationsApi.POST('/v1/sessions/{id}/messages/preview', {
      params: { path: { id: sessionId } },
      body,
    }),
  );
}

/** `key` names this message: sending it again (a retry after a network failure) sends nothing twice. */
export function sendMessage(sessionId: string, body: MessageDraft, key: string) {
  return unwrap(
    notificationsApi.POST('/v1/sessions/{id}/messages', {
      params: { path: { id: sessionId }, header: { 'Idempotency-Key': key } },
      body,
    }),
  );
}

export function listMessages(sessionId: string) {
  return unwrap(notificationsApi.GET('/v1/sessions/{id}/messages', { params: { path: { id: sessionId } } }));
}
