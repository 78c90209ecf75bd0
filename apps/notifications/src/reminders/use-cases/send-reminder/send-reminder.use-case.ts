import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
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

/** How many participants a reminder job found in each case. */
export type ReminderOutcomes = Record<ReminderOutcome, number>;

/**
 * A session's reminder job fired (one per session and offset, see plannedSessionReminders): it
 * reminds every participant for whom it still holds now — reminderStillDue: confirmed, the
 * session published and still starting when the job was planned for, the offset still one of the
 * tenant's, the time within the plan — and who has not stopped reminders. A job for named
 * participants only (confirmed after the session's job fired) reminds those.
 *
 * One transaction: one query loads the participants with the session and their preference, one
 * statement records every delivery, one call after the commit adds their send-batch jobs. Each
 * delivery row is unique per (cause, template, recipient), the cause derived from participant,
 * offset and start: a job run again, or a participant's own job running beside the session's,
 * records each reminder once.
 */
@Injectable()
export class SendReminderUseCase {
  private readonly policy: SchedulePolicy;
  private readonly leadMs: number;

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

  async execute(job: ReminderJob): Promise<ReminderOutcomes> {
    const { tenantId } = job;
    const only = job.registrationIds ?? (job.registrationId ? [job.registrationId] : undefined);
    const now = this.clock.now();
    const outcomes: ReminderOutcomes = { recorded: 0, 'already-recorded': 0, stale: 0, 'opted-out': 0 };
    await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const tenant = await this.tenants.settings(manager, tenantId);
      const found = await this.registrations.remindableOfSession(manager, tenantId, job.sessionId, only);
      const decisions = found.map((one) => this.decide(job, one, tenant, now));
      const toRecord = decisions.flatMap((d) => (typeof d === 'string' ? [] : [d]));
      const ids = await this.notifier.notifyMany(manager, toRecord);
      for (const d of decisions) if (typeof d === 'string') outcomes[d]++;
      for (const id of ids) outcomes[id ? 'recorded' : 'already-recorded']++;
      // Named participants no longer found (cancelled, erased, moved to another session).
      if (only) outcomes.stale += only.length - found.length;
    });
    return outcomes;
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
    found: RemindableRegistration,
    tenant: TenantSettings,
    now: Date,
  ):
    | 'stale'
    | 'opted-out'
    | {
        input: ParticipantMessageInput;
        meta: { causeKind: 'reminder'; correlationId: string | null; notBefore: number | undefined };
      } {
    const to = addresseeOf(found.registration);
    if (!to) return 'stale';
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
