import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { FeedbackRequestJob } from '../../../infrastructure/queues';
import { addresseeOf } from '../../../messages/domain/participant-message';
import { PreferenceRepository } from '../../../preferences/infrastructure/preference.repository';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { ParticipantNotifier } from '../../../registrations/participant-notifier';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { FEEDBACK_WINDOW_MS, feedbackCauseId } from '../../domain/reminder-plan';

/** After the session, whoever attended is asked for feedback once (unless they said no to it), within the week. */
@Injectable()
export class RequestFeedbackUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly preferences: PreferenceRepository,
    private readonly notifier: ParticipantNotifier,
  ) {}

  async execute(job: FeedbackRequestJob): Promise<'recorded' | 'already-recorded' | 'stale' | 'opted-out'> {
    const { tenantId } = job;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, job.registrationId);
      const to = registration && addresseeOf(registration);
      if (!registration || !to || registration.status !== 'attended' || !registration.links.feedback) {
        return 'stale';
      }
      const session = await this.sessions.find(manager, tenantId, registration.sessionId);
      if (!session || this.clock.now().getTime() - session.endsAt.getTime() > FEEDBACK_WINDOW_MS)
        return 'stale';
      const preferences = await this.preferences.get(manager, tenantId, registration.participantId);
      if (!preferences.feedbackRequests) return 'opted-out';
      const tenant = await this.tenants.settings(manager, tenantId);
      const id = await this.notifier.notify(
        manager,
        {
          tenant,
          session,
          to,
          template: TemplateKey.FeedbackRequest,
          causeId: feedbackCauseId(registration.registrationId),
          variables: { links: { feedback: registration.links.feedback } },
        },
        { causeKind: 'feedback-request', correlationId: job.correlationId ?? null },
      );
      return id ? 'recorded' : 'already-recorded';
    });
  }
}
