import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { FacilitatorContactRepository } from '../../../facilitators/infrastructure/facilitator-contact.repository';
import { FacilitatorDigestJob } from '../../../infrastructure/queues';
import { commonVariables } from '../../../messages/domain/participant-message';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { digestCauseId } from '../../domain/reminder-plan';

/**
 * The day before a session, its facilitator gets the list of confirmed participants (first
 * names: what they need to greet people; the registration service holds the rest). Needs the
 * facilitator's address, which the catalog contract does not carry yet (see
 * FacilitatorContactRepository): without it there is nobody to send to.
 */
@Injectable()
export class SendFacilitatorDigestUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly contacts: FacilitatorContactRepository,
    private readonly deliveries: DeliveryLog,
  ) {}

  async execute(
    job: FacilitatorDigestJob,
  ): Promise<'recorded' | 'already-recorded' | 'stale' | 'no-contact'> {
    const { tenantId } = job;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, job.sessionId);
      if (
        !session ||
        session.status !== 'published' ||
        session.startsAt.toISOString() !== job.startsAt ||
        !session.facilitatorId
      ) {
        return 'stale';
      }
      const contact = await this.contacts.get(manager, tenantId, session.facilitatorId);
      if (!contact) return 'no-contact';
      const tenant = await this.tenants.settings(manager, tenantId);
      const attendees = (
        await this.registrations.bySession(manager, tenantId, session.sessionId, ['confirmed'])
      )
        .filter((r) => r.firstName)
        .map((r) => ({ firstName: r.firstName! }))
        .sort((a, b) => a.firstName.localeCompare(b.firstName, 'fr'));
      const id = await this.deliveries.record(
        manager,
        {
          tenantId,
          causeId: digestCauseId(session.sessionId, session.startsAt),
          template: TemplateKey.FacilitatorAttendees,
          recipient: contact.email,
          recipientName: contact.name,
          registrationId: null,
          participantId: null,
          sessionId: session.sessionId,
          context: {
            // A confidential session stays neutrally named here too: the list ties people to it.
            ...commonVariables(tenant, session),
            facilitator: { name: contact.name },
            attendeeCount: String(attendees.length),
            attendees,
          },
          calendar: null,
        },
        { causeKind: 'facilitator-digest', correlationId: job.correlationId ?? null },
      );
      return id ? 'recorded' : 'already-recorded';
    });
  }
}
