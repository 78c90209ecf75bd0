import { JobName, ReminderJob, ScheduledJob } from '../../infrastructure/queues';
import { RegistrationCopy } from '../../registrations/domain/registration-copy';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { digestTime } from './digest-plan';
import {
  digestJobId,
  FEEDBACK_WINDOW_MS,
  feedbackJobId,
  lateReminderJobId,
  reminderJobId,
  ReminderSlot,
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

/** Who a reminder may go to: confirmed, with an address. */
function remindable(registration: Pick<RegistrationCopy, 'status' | 'email'>): boolean {
  return registration.status === 'confirmed' && !!registration.email;
}

/**
 * The reminders a participant should have for the session's current time: only while they are
 * confirmed, have an address and the session is published; one per tenant offset, as
 * reminderSlots plans them (none already past when they were planned).
 */
export function remindersOf(
  registration: Pick<RegistrationCopy, 'status' | 'email' | 'remindersFrom'>,
  session: Pick<SessionCopy, 'status' | 'startsAt'>,
  offsets: readonly number[],
  now: Date,
  policy: Pick<SchedulePolicy, 'graceMinutes'>,
): ReminderSlot[] {
  if (!remindable(registration) || session.status !== 'published') return [];
  return reminderSlots({
    startsAt: session.startsAt,
    offsetsMinutes: offsets,
    plannedAt: registration.remindersFrom ?? now,
    now,
    graceMinutes: policy.graceMinutes,
  });
}

/**
 * When the session's earliest-planned participant had their reminders planned: the one who gets
 * the most of them (a later plan only drops slots already past). Undefined when nobody is
 * remindable. What the session's jobs are planned from.
 */
export function earliestReminderPlan(
  registrations: readonly Pick<RegistrationCopy, 'status' | 'email' | 'remindersFrom'>[],
  now: Date,
): Date | undefined {
  let earliest: Date | undefined;
  for (const registration of registrations) {
    if (!remindable(registration)) continue;
    const plannedAt = registration.remindersFrom ?? now;
    if (!earliest || plannedAt < earliest) earliest = plannedAt;
  }
  return earliest;
}

/**
 * The reminder jobs of a session: one per offset that at least one participant should get
 * (remindersOf for the earliest plan, see earliestReminderPlan). Each reminds, when it fires,
 * every participant for whom reminderStillDue holds then, so a cancellation or an opt-out
 * before that needs no change to the jobs.
 */
export function plannedSessionReminders(
  session: SessionCopy,
  earliestPlan: Date | undefined,
  offsets: readonly number[],
  now: Date,
  policy: Pick<SchedulePolicy, 'graceMinutes'>,
): PlannedJob[] {
  if (!earliestPlan || session.status !== 'published') return [];
  const slots = reminderSlots({
    startsAt: session.startsAt,
    offsetsMinutes: offsets,
    plannedAt: earliestPlan,
    now,
    graceMinutes: policy.graceMinutes,
  });
  return slots.map((slot) => sessionReminderJob(session, slot));
}

/**
 * The reminder jobs of one participant just confirmed (or whose session moved): the session's
 * jobs for their slots, except the slots whose session job may already have fired (`fired`: it
 * fires ahead of the slot, by the reminder lead) — those get a job of their own, for this
 * participant only. The delivery row is unique per participant and reminder, so when both jobs
 * run, one reminder is sent.
 */
export function plannedParticipantReminders(
  registration: RegistrationCopy,
  session: SessionCopy,
  offsets: readonly number[],
  now: Date,
  policy: Pick<SchedulePolicy, 'graceMinutes'>,
  fired: (slot: ReminderSlot) => boolean,
): PlannedJob[] {
  return remindersOf(registration, session, offsets, now, policy).map((slot) => {
    const job = sessionReminderJob(session, slot);
    if (!fired(slot)) return job;
    return {
      ...job,
      jobId: lateReminderJobId(
        session.tenantId,
        session.sessionId,
        registration.registrationId,
        slot.offsetMinutes,
        session.startsAt,
      ),
      data: { ...job.data, registrationIds: [registration.registrationId] },
    };
  });
}

function sessionReminderJob(session: SessionCopy, slot: ReminderSlot): PlannedJob & { data: ReminderJob } {
  return {
    name: JobName.Reminder,
    jobId: reminderJobId(session.tenantId, session.sessionId, slot.offsetMinutes, session.startsAt),
    fireAt: slot.fireAt,
    data: {
      tenantId: session.tenantId,
      sessionId: session.sessionId,
      offsetMinutes: slot.offsetMinutes,
      startsAt: session.startsAt.toISOString(),
    },
  };
}

/**
 * A reminder job fired: it still holds for this participant when the session starts when the job
 * was planned for and the same rules, applied now, still plan a reminder at that offset (still
 * confirmed, offset still the tenant's, not past the grace, not one already past when planned).
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
  if (registration.sessionId !== session.sessionId) return false;
  return remindersOf(registration, session, offsets, now, policy).some(
    (slot) => slot.offsetMinutes === job.offsetMinutes,
  );
}

/**
 * The ids of every reminder job a session may have for a start: its own per offset, and the
 * late ones of these participants.
 */
export function reminderJobIds(
  tenantId: string,
  sessionId: string,
  registrationIds: readonly string[],
  offsets: readonly number[],
  startsAt: Date,
): string[] {
  return offsets.flatMap((offset) => [
    reminderJobId(tenantId, sessionId, offset, startsAt),
    ...registrationIds.map((id) => lateReminderJobId(tenantId, sessionId, id, offset, startsAt)),
  ]);
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
