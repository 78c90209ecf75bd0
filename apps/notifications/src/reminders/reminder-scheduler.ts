import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { withTrace } from '@respire/jobs';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../config/env.schema';
import { JobName, NotificationQueue, ScheduledJob } from '../infrastructure/queues';
import { RegistrationRepository } from '../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';
import { digestJobId, FEEDBACK_WINDOW_MS, feedbackJobId, lateReminderJobId } from './domain/reminder-plan';
import {
  earliestReminderPlan,
  PlannedJob,
  plannedDigest,
  plannedFeedback,
  plannedParticipantReminders,
  plannedSessionReminders,
  reminderJobIds,
  SchedulePolicy,
} from './domain/scheduled-plan';

/**
 * Keeps the delayed jobs of the scheduled queue in line with the database: reminders of
 * confirmed participants, feedback requests after attendance, facilitator digests. It only
 * loads, asks the rules (domain/scheduled-plan.ts) what should be planned, and adds or removes
 * jobs. Every job id is derived from what it is about, so planning the same thing twice adds
 * one job; every job checks the database again when it fires, so a job left behind by a change
 * does nothing. Called after the commits that change what is planned, and by the reconciler.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('Reminders');
  private readonly policy: SchedulePolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(NotificationQueue.Scheduled) readonly queue: Queue<ScheduledJob>,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
  ) {
    this.policy = schedulePolicyOf(config);
  }

  /** A participant was confirmed: the session's reminder jobs for their slots (plannedParticipantReminders). */
  async syncRegistration(tenantId: string, registrationId: string): Promise<void> {
    const now = this.clock.now();
    const planned = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      if (!registration) return [];
      const session = await this.sessions.find(manager, tenantId, registration.sessionId);
      if (!session) return [];
      const settings = await this.tenants.settings(manager, tenantId);
      return plannedParticipantReminders(
        registration,
        session,
        settings.reminderOffsetsMinutes,
        now,
        this.policy,
        (slot) => this.mayHaveFired(slot.fireAt, now),
      );
    });
    await this.add(planned, now);
  }

  /** The session was recorded or moved: drop the jobs planned for its previous start, plan its reminders and digest. */
  async syncSession(tenantId: string, sessionId: string, previousStartsAt: Date | null): Promise<void> {
    const now = this.clock.now();
    const { planned, stale } = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, sessionId);
      if (!session) return { planned: [], stale: [] };
      const settings = await this.tenants.settings(manager, tenantId);
      const offsets = settings.reminderOffsetsMinutes;
      const confirmed = await this.registrations.bySession(manager, tenantId, sessionId, ['confirmed']);
      const moved = previousStartsAt && previousStartsAt.getTime() !== session.startsAt.getTime();
      const stale = moved
        ? [
            ...reminderJobIds(
              tenantId,
              sessionId,
              confirmed.map((r) => r.registrationId),
              offsets,
              previousStartsAt,
            ),
            digestJobId(tenantId, sessionId, previousStartsAt),
          ]
        : [];
      // A session job is added even within the lead: for a new start it runs at once and reads
      // every participant; for the same start it is there already (adding it again adds nothing).
      const planned = plannedSessionReminders(
        session,
        earliestReminderPlan(confirmed, now),
        offsets,
        now,
        this.policy,
      );
      const digest = plannedDigest(session, now, this.policy);
      if (digest) planned.push(digest);
      return { planned, stale };
    });
    await this.remove(stale);
    await this.add(planned, now);
  }

  /**
   * A registration ended (cancelled, erased): its own reminder jobs, if any, and its feedback
   * request go. The session's reminder jobs stay for the others; they re-check each participant
   * when they fire.
   */
  async dropRegistration(tenantId: string, registrationId: string): Promise<void> {
    const ids = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      if (!registration) return [];
      const session = await this.sessions.find(manager, tenantId, registration.sessionId);
      const settings = await this.tenants.settings(manager, tenantId);
      const own = session
        ? settings.reminderOffsetsMinutes.map((offset) =>
            lateReminderJobId(tenantId, session.sessionId, registrationId, offset, session.startsAt),
          )
        : [];
      return [...own, feedbackJobId(tenantId, registrationId)];
    });
    await this.remove(ids);
  }

  /** The session was cancelled: every reminder and the digest go. */
  async dropSession(tenantId: string, sessionId: string): Promise<void> {
    const ids = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, sessionId);
      if (!session) return [];
      const settings = await this.tenants.settings(manager, tenantId);
      const registrations = await this.registrations.bySession(manager, tenantId, sessionId, [
        'confirmed',
        'cancelled',
      ]);
      return [
        ...reminderJobIds(
          tenantId,
          sessionId,
          registrations.map((r) => r.registrationId),
          settings.reminderOffsetsMinutes,
          session.startsAt,
        ),
        digestJobId(tenantId, sessionId, session.startsAt),
      ];
    });
    await this.remove(ids);
  }

  /** Feedback is asked once the session is over (and the participant was there). */
  async scheduleFeedback(tenantId: string, registrationId: string, endsAt: Date): Promise<void> {
    const now = this.clock.now();
    const job = plannedFeedback(tenantId, registrationId, endsAt, now, this.policy);
    if (job) await this.add([job], now);
  }

  async dropFeedback(tenantId: string, registrationId: string): Promise<void> {
    await this.remove([feedbackJobId(tenantId, registrationId)]);
  }

  /**
   * Rebuilds, from the database, every job one tenant should have: future reminders of
   * confirmed participants, feedback requests of the last week's attendance, digests of the
   * next two days' sessions. Jobs already there are left as they are. Returns how many jobs it
   * asked for.
   */
  async reconcileTenant(tenantId: string): Promise<number> {
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - this.config.NOTIFICATIONS_REMINDER_GRACE_MINUTES * 60_000);
    let total = 0;
    const settings = await runInTenantTransaction(this.dataSource, tenantId, (m) =>
      this.tenants.settings(m, tenantId),
    );
    // One job per session and offset, whatever the number of participants.
    const toRemind = await runInTenantTransaction(this.dataSource, tenantId, (m) =>
      this.registrations.sessionsToRemind(m, tenantId, now, now),
    );
    total += await this.add(
      toRemind.flatMap(({ session, earliestPlan }) =>
        plannedSessionReminders(session, earliestPlan, settings.reminderOffsetsMinutes, now, this.policy),
      ),
      now,
    );
    const { attended, upcoming } = await runInTenantTransaction(this.dataSource, tenantId, async (m) => ({
      attended: await this.registrations.attendedEndedBetween(
        m,
        tenantId,
        new Date(now.getTime() - FEEDBACK_WINDOW_MS),
        now,
      ),
      upcoming: await this.sessions.upcoming(
        m,
        tenantId,
        graceStart,
        new Date(now.getTime() + 2 * 86_400_000),
      ),
    }));
    const feedback = attended.map(({ registration, session }) =>
      plannedFeedback(tenantId, registration.registrationId, session.endsAt, now, this.policy),
    );
    const digests = upcoming.map((session) => plannedDigest(session, now, this.policy));
    total += await this.add(
      [...feedback, ...digests].filter((job): job is PlannedJob => job !== null),
      now,
    );
    return total;
  }

  /**
   * Whether the session's job of a reminder due at `fireAt` may already have run (it runs the
   * reminder lead ahead, see leadOf), so that a participant confirmed now would not be among those
   * it read. A second of margin for clocks.
   */
  private mayHaveFired(fireAt: Date, now: Date): boolean {
    return fireAt.getTime() - this.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000 <= now.getTime() + 1000;
  }

  /** A reminder's job fires ahead of its time, so that its mail is composed and handed to SMTP at that time. */
  private leadOf(job: PlannedJob): number {
    return job.name === JobName.Reminder ? this.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000 : 0;
  }

  private async add(jobs: PlannedJob[], now: Date): Promise<number> {
    for (let i = 0; i < jobs.length; i += 500) {
      await this.queue.addBulk(
        jobs.slice(i, i + 500).map((job) => ({
          name: job.name,
          data: withTrace(job.data),
          opts: {
            ...SCHEDULED_JOB_OPTIONS,
            jobId: job.jobId,
            delay: Math.max(0, job.fireAt.getTime() - this.leadOf(job) - now.getTime()),
          },
        })),
      );
    }
    return jobs.length;
  }

  private async remove(jobIds: string[]): Promise<void> {
    for (const jobId of jobIds) {
      await this.queue
        .remove(jobId)
        .catch((error: Error) => this.logger.warn(`could not remove job: ${error.message}`));
    }
  }
}

const SCHEDULED_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 7 * 86_400 },
};

/** The scheduling rules' settings, from the service's configuration. */
export function schedulePolicyOf(config: NotificationsEnv): SchedulePolicy {
  return {
    graceMinutes: config.NOTIFICATIONS_REMINDER_GRACE_MINUTES,
    feedbackDelayMinutes: config.NOTIFICATIONS_FEEDBACK_DELAY_MINUTES,
    digestHour: config.NOTIFICATIONS_FACILITATOR_DIGEST_HOUR,
  };
}
