import { v5 as uuidv5 } from 'uuid';
import { deterministicJobId } from '@respire/jobs';

/** Namespace of the ids this service derives for messages no single event causes (reminders, digests). */
export const DERIVED_CAUSE_NAMESPACE = '6f1f0b7e-4c1e-5d9a-8a53-0c3e2f7b9d41';

export interface ReminderSlot {
  offsetMinutes: number;
  fireAt: Date;
}

export interface ReminderPlanInput {
  startsAt: Date;
  offsetsMinutes: readonly number[];
  /** When the reminders were planned: the confirmation, or the last time the session moved. */
  plannedAt: Date;
  now: Date;
  /** A reminder due while the service was down is still sent this late, no later. */
  graceMinutes: number;
}

/**
 * The reminders a confirmed participant gets: one per tenant offset before the session, except
 * those whose time had already passed when they were planned (registering two hours before a
 * session brings no "48 h before" reminder) or passed longer ago than the grace.
 */
export function reminderSlots(input: ReminderPlanInput): ReminderSlot[] {
  const { startsAt, plannedAt, now } = input;
  if (startsAt.getTime() <= now.getTime()) return [];
  const earliest = Math.max(plannedAt.getTime(), now.getTime() - input.graceMinutes * 60_000);
  return [...new Set(input.offsetsMinutes)]
    .sort((a, b) => b - a)
    .map((offsetMinutes) => ({
      offsetMinutes,
      fireAt: new Date(startsAt.getTime() - offsetMinutes * 60_000),
    }))
    .filter((slot) => slot.fireAt.getTime() > earliest);
}

/**
 * One job per (session, offset, session start): it reminds every participant still eligible when
 * it fires. A moved session gets new jobs, the old ones are dropped.
 */
export function reminderJobId(
  tenantId: string,
  sessionId: string,
  offsetMinutes: number,
  startsAt: Date,
): string {
  return deterministicJobId('reminder', tenantId, sessionId, offsetMinutes, startsAt.getTime());
}

/**
 * The job of one participant's reminder, for a participant confirmed after their session's job
 * may already have fired (within the reminder lead): it reminds that participant only.
 */
export function lateReminderJobId(
  tenantId: string,
  sessionId: string,
  registrationId: string,
  offsetMinutes: number,
  startsAt: Date,
): string {
  return deterministicJobId(
    'reminder',
    tenantId,
    sessionId,
    offsetMinutes,
    startsAt.getTime(),
    registrationId,
  );
}

/** The delivery log's cause for a reminder: the same reminder can never be sent twice. */
export function reminderCauseId(registrationId: string, offsetMinutes: number, startsAt: Date): string {
  return uuidv5(
    `reminder:${registrationId}:${offsetMinutes}:${startsAt.toISOString()}`,
    DERIVED_CAUSE_NAMESPACE,
  );
}

/** Feedback is asked in the week after a session, never about older ones (late events, demo history). */
export const FEEDBACK_WINDOW_MS = 7 * 86_400_000;

export function feedbackJobId(tenantId: string, registrationId: string): string {
  return deterministicJobId('feedback', tenantId, registrationId);
}

export function feedbackCauseId(registrationId: string): string {
  return uuidv5(`feedback:${registrationId}`, DERIVED_CAUSE_NAMESPACE);
}

export function digestJobId(tenantId: string, sessionId: string, startsAt: Date): string {
  return deterministicJobId('facilitator-digest', tenantId, sessionId, startsAt.getTime());
}

export function digestCauseId(sessionId: string, startsAt: Date): string {
  return uuidv5(`facilitator-digest:${sessionId}:${startsAt.toISOString()}`, DERIVED_CAUSE_NAMESPACE);
}
