import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '../../../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { ReminderJob } from '../../../infrastructure/queues';
import { howSoon } from '../../../messages/domain/french-time';
import { addresseeOf } from '../../../messages/domain/participant-message';
import { PreferenceRepository } from '../../../preferences/infrastructure/preference.repository';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { ParticipantNotifier } from '../../../registrations/participant-notifier';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { reminderCauseId } from '../../domain/reminder-plan';
import { reminderStillDue, SchedulePolicy } from '../../domain/scheduled-plan';
import { schedulePolicyOf } from '../../reminder-scheduler';

export type ReminderOutcome = 'recorded' | 'already-recorded' | 'stale' | 'opted-out';

/**
 * A reminder job fired: it writes the reminder only if it still holds (reminderStillDue: the
 * registration is confirmed, the session is published and still starts when the job was planned
 * for, the offset is still one of the tenant's, the time is within the plan) and the participant
 * has not stopped reminders.
 */
@Injectable()
export class SendReminderUseCase {
  private readonly policy: SchedulePolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly preferences: PreferenceRepository,
    private readonly notifier: ParticipantNotifier,
  ) {
    this.policy = schedulePolicyOf(config);
  }

  async execute(job: ReminderJob): Promise<ReminderOutcome> {
    const { tenantId } = job;
    const now = this.clock.now();
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, job.registrationId);
      const session = registration && (await this.sessions.find(manager, tenantId, registration.sessionId));
      const to = registration && addresseeOf(registration);
      if (!registration || !session || !to) return 'stale';
      const tenant = await this.tenants.settings(manager, tenantId);
      if (!reminderStillDue(job, registration, session, tenant.reminderOffsetsMinutes, now, this.policy))
        return 'stale';
      const preferences = await this.preferences.get(manager, tenantId, registration.participantId);
      if (!preferences.reminders) return 'opted-out';
      const id = await this.notifier.notify(
        manager,
        {
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
        { causeKind: 'reminder', correlationId: job.correlationId ?? null },
      );
      return id ? 'recorded' : 'already-recorded';
    });
  }
}
