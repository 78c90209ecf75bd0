import { DateTime } from 'luxon';
import { Profession } from '@respire/contracts';
import { SessionCopy, TenantPolicy } from '../../sessions/domain/session-copy';
import { PROFESSION_LABELS } from './participant-details';
import {
  ProfessionNotEligibleError,
  RegistrationClosedError,
  RegistrationNotOpenError,
  SessionAlreadyStartedError,
  SessionCancelledError,
} from './registration-errors';

const MINUTE = 60_000;

/** A local date and time in French, e.g. « jeudi 22 janvier 2026 à 18h30 ». */
export function frenchDateTime(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant).setZone(timezone).setLocale('fr').toFormat("cccc d LLLL yyyy 'à' HH'h'mm");
}

/**
 * Whether someone may register to `session` now (the public route). Throws the reason if not.
 * A session already started or over, cancelled, outside its registration window, or reserved to
 * other professions is refused.
 */
export function assertOpenForRegistration(session: SessionCopy, profession: Profession, now: Date): void {
  if (session.status === 'cancelled') throw new SessionCancelledError();
  if (session.status === 'completed' || session.startsAt.getTime() <= now.getTime()) {
    throw new SessionAlreadyStartedError();
  }
  if (session.registrationOpensAt && now < session.registrationOpensAt) {
    throw new RegistrationNotOpenError(frenchDateTime(session.registrationOpensAt, session.timezone));
  }
  if (session.registrationClosesAt && now >= session.registrationClosesAt) {
    throw new RegistrationClosedError(frenchDateTime(session.registrationClosesAt, session.timezone));
  }
  if (session.eligibleProfessions.length > 0 && !session.eligibleProfessions.includes(profession)) {
    throw new ProfessionNotEligibleError(session.eligibleProfessions.map((p) => PROFESSION_LABELS[p]));
  }
}

/** The latest instant an offer may run to: the tenant's cutoff before the session starts. */
export function offerDeadline(session: Pick<SessionCopy, 'startsAt'>, policy: TenantPolicy): Date {
  return new Date(session.startsAt.getTime() - policy.offerCutoffMinutes * MINUTE);
}

/**
 * When an offer made now expires: after the tenant's TTL, capped to the deadline before the
 * session. Null when the session is too close for any offer (the person stays waitlisted).
 */
export function offerExpiry(session: Pick<SessionCopy, 'startsAt'>, policy: TenantPolicy, now: Date): Date | null {
  const deadline = offerDeadline(session, policy);
  if (deadline.getTime() <= now.getTime()) return null;
  return new Date(Math.min(now.getTime() + policy.offerTtlMinutes * MINUTE, deadline.getTime()));
}

/** Whether freed seats can still go to the waitlist (offers, or auto-confirmation). */
export function canPromote(session: SessionCopy, policy: TenantPolicy, now: Date): boolean {
  return session.status === 'published' && offerExpiry(session, policy, now) !== null;
}

export function minutesBeforeStart(session: Pick<SessionCopy, 'startsAt'>, now: Date): number {
  return Math.floor((session.startsAt.getTime() - now.getTime()) / MINUTE);
}

export function isLateCancellation(session: Pick<SessionCopy, 'startsAt'>, policy: TenantPolicy, now: Date): boolean {
  return minutesBeforeStart(session, now) < policy.lateCancellationMinutes;
}

/** Attendance is taken from an hour before the start (people arrive early) onwards. */
export function attendanceOpen(session: Pick<SessionCopy, 'startsAt'>, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime() - 60 * MINUTE;
}
