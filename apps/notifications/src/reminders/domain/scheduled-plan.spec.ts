import { JobName } from '../../infrastructure/queues';
import { RegistrationCopy } from '../../registrations/domain/registration-copy';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { digestJobId, feedbackJobId, lateReminderJobId, reminderJobId } from './reminder-plan';
import {
  earliestReminderPlan,
  plannedDigest,
  plannedFeedback,
  plannedParticipantReminders,
  plannedSessionReminders,
  reminderJobIds,
  remindersOf,
  reminderStillDue,
  SchedulePolicy,
} from './scheduled-plan';

const policy: SchedulePolicy = { graceMinutes: 30, feedbackDelayMinutes: 60, digestHour: 17 };
const tenantId = '0190a000-0000-7000-8000-000000000001';
const startsAt = new Date('2026-03-12T18:30:00Z'); // 19:30 in Paris
const hoursBefore = (h: number) => new Date(startsAt.getTime() - h * 3_600_000);
const offsets = [2880, 180];

const session = (over: Partial<SessionCopy> = {}): SessionCopy => ({
  tenantId,
  sessionId: 'session-1',
  activityId: null,
  title: 'Pilates & respiration',
  confidential: false,
  startsAt,
  endsAt: new Date(startsAt.getTime() + 3_600_000),
  timezone: 'Europe/Paris',
  venue: { id: 'venue-1', name: 'Salle', address: null },
  facilitatorId: 'facilitator-1',
  sequence: 0,
  status: 'published',
  priceCents: 0,
  ...over,
});

const registration = (over: Partial<RegistrationCopy> = {}): RegistrationCopy => ({
  tenantId,
  registrationId: 'registration-1',
  sessionId: 'session-1',
  participantId: 'participant-1',
  email: 'camille@example.org',
  firstName: 'Camille',
  status: 'confirmed',
  links: {},
  notifiedSequence: 0,
  remindersFrom: hoursBefore(100),
  ...over,
});

describe('scheduled plan', () => {
  describe('reminders planned', () => {
    it.each([
      ['a confirmed participant, a week ahead', {}, {}, hoursBefore(100), [2880, 180]],
      [
        'confirmed 10 h before: no "48 h before"',
        { remindersFrom: hoursBefore(10) },
        {},
        hoursBefore(10),
        [180],
      ],
      ['waitlisted', { status: 'waitlisted' as const }, {}, hoursBefore(100), []],
      ['cancelled', { status: 'cancelled' as const }, {}, hoursBefore(100), []],
      ['erased (no address)', { email: null }, {}, hoursBefore(100), []],
      ['session cancelled', {}, { status: 'cancelled' as const }, hoursBefore(100), []],
      ['session already started', {}, {}, hoursBefore(-1), []],
      [
        '3 h reminder 20 min late (within the grace)',
        {},
        {},
        new Date(hoursBefore(3).getTime() + 20 * 60_000),
        [180],
      ],
      [
        '3 h reminder 40 min late (past the grace)',
        {},
        {},
        new Date(hoursBefore(3).getTime() + 40 * 60_000),
        [],
      ],
    ])('%s', (_case, registrationOver, sessionOver, now, expected) => {
      const slots = remindersOf(registration(registrationOver), session(sessionOver), offsets, now, policy);
      expect(slots.map((slot) => slot.offsetMinutes)).toEqual(expected);
      // The session's jobs, planned from this participant alone, are the same slots.
      const r = registration(registrationOver);
      const jobs = plannedSessionReminders(
        session(sessionOver),
        earliestReminderPlan([r], now),
        offsets,
        now,
        policy,
      );
      expect(jobs.map((job) => (job.data as { offsetMinutes: number }).offsetMinutes)).toEqual(expected);
      for (const job of jobs) {
        expect(job.name).toBe(JobName.Reminder);
        expect(job.jobId).toBe(
          reminderJobId(
            tenantId,
            'session-1',
            (job.data as { offsetMinutes: number }).offsetMinutes,
            startsAt,
          ),
        );
        expect(job.data).not.toHaveProperty('registrationIds');
      }
    });

    it('fires each reminder at its offset before the start', () => {
      const [first, second] = plannedSessionReminders(
        session(),
        hoursBefore(100),
        offsets,
        hoursBefore(100),
        policy,
      );
      expect(first.fireAt).toEqual(hoursBefore(48));
      expect(second.fireAt).toEqual(hoursBefore(3));
    });
  });

  describe('a session’s reminder jobs', () => {
    const now = hoursBefore(60);

    it('are planned from the participant planned earliest: one job per offset, not per participant', () => {
      const participants = [
        registration({ registrationId: 'a', remindersFrom: hoursBefore(10) }),
        registration({ registrationId: 'b', remindersFrom: hoursBefore(100) }),
        registration({ registrationId: 'c', remindersFrom: hoursBefore(200), status: 'cancelled' }),
        registration({ registrationId: 'd', remindersFrom: hoursBefore(300), email: null }),
      ];
      expect(earliestReminderPlan(participants, now)).toEqual(hoursBefore(100));
      const jobs = plannedSessionReminders(session(), hoursBefore(100), offsets, now, policy);
      expect(jobs.map((job) => job.jobId)).toEqual([
        reminderJobId(tenantId, 'session-1', 2880, startsAt),
        reminderJobId(tenantId, 'session-1', 180, startsAt),
      ]);
    });

    it('none when nobody is remindable or the session is not published', () => {
      expect(earliestReminderPlan([registration({ status: 'waitlisted' })], now)).toBeUndefined();
      expect(plannedSessionReminders(session(), undefined, offsets, now, policy)).toEqual([]);
      expect(
        plannedSessionReminders(session({ status: 'cancelled' }), hoursBefore(100), offsets, now, policy),
      ).toEqual([]);
    });

    it('a participant confirmed after the session’s job may have fired gets a job of their own for that slot', () => {
      const late = registration({ registrationId: 'late', remindersFrom: hoursBefore(3.1) });
      const at = hoursBefore(3.05);
      expect(plannedParticipantReminders(late, session(), offsets, at, policy, () => false)).toMatchObject([
        { jobId: reminderJobId(tenantId, 'session-1', 180, startsAt), data: { offsetMinutes: 180 } },
      ]);
      const justBefore = new Date(hoursBefore(3).getTime() - 5_000);
      const [mine] = plannedParticipantReminders(
        registration({ registrationId: 'late', remindersFrom: justBefore }),
        session(),
        offsets,
        justBefore,
        policy,
        (slot) => slot.fireAt.getTime() - 10_000 <= justBefore.getTime(),
      );
      expect(mine).toMatchObject({
        jobId: lateReminderJobId(tenantId, 'session-1', 'late', 180, startsAt),
        data: { offsetMinutes: 180, registrationIds: ['late'], sessionId: 'session-1' },
      });
    });
  });

  describe('a reminder job that fires', () => {
    const job = { offsetMinutes: 180, startsAt: startsAt.toISOString() };
    const now = hoursBefore(3);

    it.each([
      ['everything as planned', registration(), session(), offsets, true],
      ['the session moved', registration(), session({ startsAt: hoursBefore(-24) }), offsets, false],
      ['the offset is no longer the tenant’s', registration(), session(), [2880, 60], false],
      ['the participant cancelled', registration({ status: 'cancelled' }), session(), offsets, false],
      ['the session was cancelled', registration(), session({ status: 'cancelled' }), offsets, false],
      ['moved to another session', registration({ sessionId: 'session-2' }), session(), offsets, false],
    ])('%s → still due: %s', (_case, r, s, tenantOffsets, expected) => {
      expect(reminderStillDue(job, r, s, tenantOffsets, now, policy)).toBe(expected);
    });
  });

  it('names every reminder job a session may have for one start', () => {
    expect(reminderJobIds(tenantId, 'session-1', ['a'], offsets, startsAt)).toEqual([
      reminderJobId(tenantId, 'session-1', 2880, startsAt),
      lateReminderJobId(tenantId, 'session-1', 'a', 2880, startsAt),
      reminderJobId(tenantId, 'session-1', 180, startsAt),
      lateReminderJobId(tenantId, 'session-1', 'a', 180, startsAt),
    ]);
  });

  describe('facilitator digest', () => {
    it.each([
      ['planned the day before at 17:00 local', {}, hoursBefore(100), new Date('2026-03-11T16:00:00Z')],
      ['planned later than that: at once', {}, hoursBefore(5), hoursBefore(5)],
      ['no facilitator', { facilitatorId: null }, hoursBefore(100), null],
      ['session cancelled', { status: 'cancelled' as const }, hoursBefore(100), null],
      ['session started', {}, hoursBefore(-1), null],
    ])('%s', (_case, sessionOver, now, fireAt) => {
      const job = plannedDigest(session(sessionOver), now, policy);
      expect(job?.fireAt ?? null).toEqual(fireAt);
      if (job) expect(job.jobId).toBe(digestJobId(tenantId, 'session-1', startsAt));
    });
  });

  describe('feedback request', () => {
    const endsAt = new Date('2026-03-12T19:30:00Z');
    it('goes the configured delay after the end', () => {
      const job = plannedFeedback(tenantId, 'registration-1', endsAt, endsAt, policy);
      expect(job).toMatchObject({
        name: JobName.FeedbackRequest,
        jobId: feedbackJobId(tenantId, 'registration-1'),
        fireAt: new Date(endsAt.getTime() + 60 * 60_000),
      });
    });

    it('is never planned for a session over for more than a week', () => {
      const now = new Date(endsAt.getTime() + 8 * 86_400_000);
      expect(plannedFeedback(tenantId, 'registration-1', endsAt, now, policy)).toBeNull();
    });
  });
});
