import type { components as CatalogSchemas } from '../../../api/generated/catalog';
import type { components as RegistrationSchemas } from '../../../api/generated/registration';
import { unwrap } from '../../../api/api-error';
import { catalogApi, registrationApi } from '../../../api/client';

export type Session = CatalogSchemas['schemas']['SessionResponseDto'];
export type Registration = RegistrationSchemas['schemas']['RegistrationItemDto'];
export type SeatSummary = RegistrationSchemas['schemas']['SeatSummaryDto'];
export type RegisterBody = RegistrationSchemas['schemas']['RegisterParticipantDto'];

export const sessionKeys = {
  all: ['sessions'] as const,
  list: (from: string, to: string) => ['sessions', 'list', from, to] as const,
  one: (id: string) => ['sessions', id] as const,
  registrations: (id: string) => ['sessions', id, 'registrations'] as const,
  seats: (id: string) => ['sessions', id, 'seats'] as const,
};

export function listSessions(from: string, to: string) {
  return unwrap(catalogApi.GET('/v1/sessions', { params: { query: { from, to, limit: 500 } } }));
}

export function getSession(id: string) {
  return unwrap(catalogApi.GET('/v1/sessions/{id}', { params: { path: { id } } }));
}

export function listRegistrations(sessionId: string) {
  return unwrap(
    registrationApi.GET('/v1/sessions/{sessionId}/registrations', { params: { path: { sessionId } } }),
  );
}

export function seatSummary(sessionId: string) {
  return unwrap(registrationApi.GET('/v1/sessions/{sessionId}/seats', { params: { path: { sessionId } } }));
}

export function recordAttendance(sessionId: string, registrationId: string, attended: boolean) {
  return unwrap(
    registrationApi.POST('/v1/sessions/{sessionId}/attendance', {
      params: { path: { sessionId } },
      body: { registrationId, attended },
    }),
  );
}

export function registerByHand(sessionId: string, body: RegisterBody) {
  return unwrap(
    registrationApi.POST('/v1/sessions/{sessionId}/registrations', {
      params: { path: { sessionId } },
      body,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    }),
  );
}

export function cancelRegistration(id: string, reason: string | null) {
  return unwrap(
    registrationApi.POST('/v1/registrations/{id}/cancel', {
      params: { path: { id } },
      body: reason ? { reason } : {},
    }),
  );
}

export function moveRegistration(id: string, sessionId: string) {
  return unwrap(
    registrationApi.POST('/v1/registrations/{id}/move', {
      params: { path: { id } },
      body: { sessionId, waitlistIfFull: true },
    }),
  );
}

export function publishSession(id: string) {
  return unwrap(catalogApi.POST('/v1/sessions/{id}/publish', { params: { path: { id } } }));
}

export function cancelSession(id: string, reason: string | null) {
  return unwrap(
    catalogApi.POST('/v1/sessions/{id}/cancel', { params: { path: { id } }, body: reason ? { reason } : {} }),
  );
}

export type SessionChanges = CatalogSchemas['schemas']['UpdateSessionDto'];

export function updateSession(id: string, body: SessionChanges) {
  return unwrap(catalogApi.PATCH('/v1/sessions/{id}', { params: { path: { id } }, body }));
}

/** The published sessions of one activity (where someone can be moved). */
export function listActivitySessions(activityId: string) {
  return unwrap(
    catalogApi.GET('/v1/sessions', { params: { query: { activityId, status: 'published', limit: 500 } } }),
  );
}
