import { JobName, ScheduledJob } from '../../infrastructure/queues';
import { RegistrationCopy } from '../../registrations/domain/registration-copy';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { digestTime } from './digest-plan';
import {
  digestJobId,
  FEEDBACK_WINDOW_MS,
  feedbackJobId,
  reminderJobId,
  reminderSlots,
} from './reminder-plan';

/** A delayed job the scheduled queue should hold: what it is, its derived id and when it fires. */
export interface PlannedJob {
  name: JobName;
  data: ScheduledJob;
  jobId: string;
  fireAt: Date;
}

/** The service's settings these rules read (from its configuration). */
export interface SchedulePolicy {
  /** A reminder due while the service was down is still sent this late, no later. */
  graceMinutes: number;
  /** The feedback request goes this long after the session ends. */
  feedbackDelayMinutes: number;
  /** Facilitators get their attendee list the day before, at this local hour. */
  digestHour: number;
}

/**
 * The reminders a participant should have for the session's current time: only while they are
 * confirmed, have an address and the session is published; one per tenant offset, as
 * reminderSlots plans them.
 */
export function plannedReminders(
  registration: RegistrationCopy,
  session: SessionCopy,
  offsets: readonly number[],
  now: Date,
  policy: Pick<SchedulePolicy, 'graceMinutes'>,
): PlannedJob[] {
  if (registration.status !== 'confirmed' || !registration.email || session.status !== 'published') return [];
  const slots = reminderSlots({
    startsAt: session.startsAt,
    offsetsMinutes: offsets,
    plannedAt: registration.remindersFrom ?? now,
    now,
    graceMinutes: policy.graceMinutes,
  });
  return slots.map((slot) => ({
    name: JobName.Reminder,
    jobId: reminderJobId(
      registration.tenantId,
      registration.registrationId,
      slot.offsetMinutes,
      session.startsAt,
    ),
    fireAt: slot.fireAt,
    data: {
      tenantId: registration.tenantId,
      registrationId: registration.registrationId,
      sessionId: session.sessionId,
      offsetMinutes: slot.offsetMinutes,
      startsAt: session.startsAt.toISOString(),
    },
  }));
}

/**
 * A reminder job fired: it still holds when the session starts when the job was planned for and
 * the same rules, applied now, still plan a reminder at that offset (still confirmed, offset still
 * the tenant's, not past the grace, not one already past when planned).
 */
export function reminderStillDue(
  job: { offsetMinutes: number; startsAt: string },
  registration: RegistrationCopy,
  session: SessionCopy,
  offsets: readonly number[],
  now: Date,
  policy: Pick<SchedulePolicy, 'graceMinutes'>,
): boolean {
  if (session.startsAt.toISOString() !== job.startsAt) return false;
  return plannedReminders(registration, session, offsets, now, policy).some(
    (planned) => 'offsetMinutes' in planned.data && planned.data.offsetMinutes === job.offsetMinutes,
  );
}

/** The job ids of the reminders these registrations had for a session starting at `startsAt`. */
export function reminderJobIds(
  tenantId: string,
  registrationIds: readonly string[],
  offsets: readonly number[],
  startsAt: Date,
): string[] {
  return registrationIds.flatMap((registrationId) =>
    offsets.map((offset) => reminderJobId(tenantId, registrationId, offset, startsAt)),
  );
}

/** The facilitator's attendee list of a published session with a facilitator, when digestTime says. */
export function plannedDigest(
  session: SessionCopy,
  now: Date,
  policy: Pick<SchedulePolicy, 'digestHour'>,
): PlannedJob | null {
  if (!session.facilitatorId || session.status !== 'published') return null;
  const fireAt = digestTime(session.startsAt, session.timezone, policy.digestHour, now);
  if (!fireAt) return null;
  return {
    name: JobName.FacilitatorDigest,
    jobId: digestJobId(session.tenantId, session.sessionId, session.startsAt),
    fireAt,
    data: {
      tenantId: session.tenantId,
      sessionId: session.sessionId,
      startsAt: session.startsAt.toISOString(),
    },
  };
}

/**
 * The feedback request of someone who attended a session that ended at `endsAt`: the delay after
 * the end; never about a session over for longer than the feedback window.
 */
export function plannedFeedback(
  tenantId: string,
  registrationId: string,
  endsAt: Date,
  now: Date,
  policy: Pick<SchedulePolicy, 'feedbackDelayMinutes'>,
): PlannedJob | null {
  if (now.getTime() - endsAt.getTime() > FEEDBACK_WINDOW_MS) return null;
  return {
    name: JobName.FeedbackRequest,
    jobId: feedbackJobId(tenantId, registrationId),
    fireAt: new Date(endsAt.getTime() + policy.feedbackDelayMinutes * 60_000),
    data: { tenantId, registrationId },
  };
}
