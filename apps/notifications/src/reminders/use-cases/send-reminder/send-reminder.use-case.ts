import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { GroupCommit } from '../../../infrastructure/group-commit';
import { ReminderJob } from '../../../infrastructure/queues';
import { howSoon } from '../../../messages/domain/french-time';
import { addresseeOf, ParticipantMessageInput } from '../../../messages/domain/participant-message';
import { DEFAULT_PREFERENCES } from '../../../preferences/infrastructure/preference.repository';
import {
  RegistrationRepository,
  RemindableRegistration,
} from '../../../registrations/infrastructure/registration.repository';
import { ParticipantNotifier } from '../../../registrations/participant-notifier';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantSettings } from '../../../tenants/domain/tenant-settings';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { reminderCauseId } from '../../domain/reminder-plan';
import { reminderStillDue, SchedulePolicy } from '../../domain/scheduled-plan';
import { schedulePolicyOf } from '../../reminder-scheduler';

export type ReminderOutcome = 'recorded' | 'already-recorded' | 'stale' | 'opted-out';

/** Reminders of one tenant that fire together are written in one transaction, this many at most. */
const MAX_BATCH = 200;

/**
 * A reminder job fired: it writes the reminder only if it still holds (reminderStillDue: the
 * registration is confirmed, the session is published and still starts when the job was planned
 * for, the offset is still one of the tenant's, the time is within the plan) and the participant
 * has not stopped reminders.
 *
 * Reminders of one tenant due at the same moment (a session's 3 h reminders) are written
 * together: the jobs running at once share one transaction — one query loads the registrations,
 * sessions and preferences, one statement records the deliveries, one call adds their send jobs
 * (GroupCommit). Each delivery row is still unique per (cause, template, recipient), so a
 * replayed job records nothing, batched or not.
 */
@Injectable()
export class SendReminderUseCase {
  private readonly policy: SchedulePolicy;
  private readonly leadMs: number;
  private readonly batches = new GroupCommit<ReminderJob, ReminderOutcome>(
    (tenantId, jobs) => this.recordBatch(tenantId, jobs),
    MAX_BATCH,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
    private readonly tenants: TenantDirectoryRepository,
    private readonly registrations: RegistrationRepository,
    private readonly notifier: ParticipantNotifier,
  ) {
    this.policy = schedulePolicyOf(config);
    this.leadMs = config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000;
  }

  execute(job: ReminderJob): Promise<ReminderOutcome> {
    return this.batches.submit(job.tenantId, job);
  }

  private async recordBatch(tenantId: string, jobs: ReminderJob[]): Promise<ReminderOutcome[]> {
    const now = this.clock.now();
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const tenant = await this.tenants.settings(manager, tenantId);
      const found = new Map(
        (
          await this.registrations.remindable(
            manager,
            tenantId,
            jobs.map((job) => job.registrationId),
          )
        ).map((r) => [r.registration.registrationId, r]),
      );
      const decisions = jobs.map((job) => this.decide(job, found.get(job.registrationId), tenant, now));
      const toRecord = decisions.flatMap((d) => (typeof d === 'string' ? [] : [d]));
      const ids = await this.notifier.notifyMany(manager, toRecord);
      let next = 0;
      return decisions.map((d) => {
        if (typeof d === 'string') return d;
        return ids[next++] ? 'recorded' : 'already-recorded';
      });
    });
  }

  /**
   * The job fires NOTIFICATIONS_REMINDER_LEAD_SECONDS before the reminder's time: its mail is
   * recorded now, claimed and composed shortly before that time (a send-batch job) and handed to
   * SMTP at that time. A job run earlier than that
   * (by hand) sends at once.
   */
  private sendAt(job: ReminderJob, now: Date): number | undefined {
    const due = Date.parse(job.startsAt) - job.offsetMinutes * 60_000;
    return due - now.getTime() <= this.leadMs ? due : undefined;
  }

  private decide(
    job: ReminderJob,
    found: RemindableRegistration | undefined,
    tenant: TenantSettings,
    now: Date,
  ):
    | 'stale'
    | 'opted-out'
    | {
        input: ParticipantMessageInput;
        meta: { causeKind: 'reminder'; correlationId: string | null; notBefore: number | undefined };
      } {
    const to = found && addresseeOf(found.registration);
    if (!found || !to) return 'stale';
    const { registration, session } = found;
    if (!reminderStillDue(job, registration, session, tenant.reminderOffsetsMinutes, now, this.policy))
      return 'stale';
    if (!(found.wantsReminders ?? DEFAULT_PREFERENCES.reminders)) return 'opted-out';
    return {
      input: {
        tenant,
        session,
        to,
        template: TemplateKey.Reminder,
        causeId: reminderCauseId(registration.registrationId, job.offsetMinutes, session.startsAt),
        variables: {
          reminder: { when: howSoon(job.offsetMinutes) },
          links: { cancel: registration.links.cancel ?? null },
        },
      },
      meta: {
        causeKind: 'reminder',
        correlationId: job.correlationId ?? null,
        notBefore: this.sendAt(job, now),
      },
    };
  }
}
