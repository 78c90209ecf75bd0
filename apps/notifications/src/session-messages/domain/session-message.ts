import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { fixedDomainError } from '@respire/platform';

/** Whom a coordinator writes to: a session's confirmed people, its waitlist, or both. */
export const AUDIENCES = ['confirmed', 'waitlisted'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface SessionMessageDraft {
  subject: string;
  text: string;
  audience: Audience[];
}

/** Registration statuses each audience covers: an offer is still the waitlist's. */
export function statusesOf(audience: readonly Audience[]): ('confirmed' | 'waitlisted' | 'offered')[] {
  return [
    ...(audience.includes('confirmed') ? (['confirmed'] as const) : []),
    ...(audience.includes('waitlisted') ? (['waitlisted', 'offered'] as const) : []),
  ];
}

/** The text as paragraphs (blank lines separate them; a single line break stays inside). */
export function paragraphsOf(text: string): { text: string }[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ text: p }));
}

const NAMESPACE = '5f0d6a0e-3b8e-4a53-9c39-2f4f1b7f2a11';

/** The message's id from its Idempotency-Key: a retried request names the same message. */
export function messageIdOf(tenantId: string, idempotencyKey: string): string {
  return uuidv5(`${tenantId}:session-message:${idempotencyKey}`, NAMESPACE);
}

export function requestHashOf(sessionId: string, draft: SessionMessageDraft): string {
  return createHash('sha256')
    .update(JSON.stringify([sessionId, draft.subject, draft.text, [...draft.audience].sort()]))
    .digest('base64url');
}

export class MessageKeyReusedError extends fixedDomainError(
  'idempotency_key_reused',
  'Cette clé (Idempotency-Key) a déjà servi pour un autre message : le message n’a pas été renvoyé.',
  409,
) {}

export class SessionUnknownError extends fixedDomainError(
  'session_not_found',
  'Séance inconnue : elle n’est pas (encore) publiée.',
  404,
) {}
