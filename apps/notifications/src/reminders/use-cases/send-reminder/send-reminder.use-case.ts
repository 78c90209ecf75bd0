import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { ReminderJob } from '../../../infrastructure/queues';
import { howSoon } from '../../../messages/domain/french-time';
import { participantMessage } from '../../../messages/domain/participant-message';
import { PreferenceRepository } from '../../../preferences/infrastructure/preference.repository';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { ReminderScheduler } from '../../reminder-scheduler';
import { reminderCauseId } from '../../domain/reminder-plan';

export type ReminderOutcome = 'recorded' | 'already-recorded' | 'stale' | 'opted-out';

/**
 * A reminder job fired: it writes the reminder only if it still holds — the registration is
 * confirmed, the session is published and still starts when the job was planned for, the
 * offset is still one of the tenant's, the time is within the plan (never one already past when
 * planned, never later than the grace) and the participant has not stopped reminders.
 */
@Injectable()
export class SendReminderUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly preferences: PreferenceRepository,
    private readonly deliveries: DeliveryLog,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(job: ReminderJob): Promise<ReminderOutcome> {
    const { tenantId } = job;
    const now = this.clock.now();
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, job.registrationId);
      const session = registration && (await this.sessions.find(manager, tenantId, registration.sessionId));
      if (!registration || !session || session.startsAt.toISOString() !== job.startsAt) return 'stale';
      const tenant = await this.tenants.settings(manager, tenantId);
      const due = this.scheduler
        .remindersOf(registration, session, tenant.reminderOffsetsMinutes, now)
        .some(
          (planned) => 'offsetMinutes' in planned.data && planned.data.offsetMinutes === job.offsetMinutes,
        );
      if (!due) return 'stale';
      const preferences = await this.preferences.get(manager, tenantId, registration.participantId);
      if (!preferences.reminders) return 'opted-out';
      const id = await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: {
            registrationId: registration.registrationId,
            participantId: registration.participantId,
            email: registration.email!,
            firstName: registration.firstName ?? '',
          },
          template: TemplateKey.Reminder,
          causeId: reminderCauseId(registration.registrationId, job.offsetMinutes, session.startsAt),
          variables: {
            reminder: { when: howSoon(job.offsetMinutes) },
            links: { cancel: registration.links.cancel ?? null },
          },
        }),
        { causeKind: 'reminder', correlationId: job.correlationId ?? null },
      );
      return id ? 'recorded' : 'already-recorded';
    });
  }
}
