import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { RegistrationNotFoundError } from '../../domain/registration-errors';
import { FeedbackRepository } from '../../infrastructure/feedback.repository';
import { FeedbackVault } from '../../infrastructure/feedback-vault';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

/**
 * A registration as its participant sees it on a link page (cancel, accept, feedback…): its
 * status and session, and the CPTS's slug for the page's branding. The caller has checked a
 * token for this registration; nothing here names the participant.
 */
@Injectable()
export class ReadRegistrationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly vault: FeedbackVault,
  ) {}

  async execute(tenantId: string, registrationId: string) {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      const session = registration && (await this.sessions.find(manager, tenantId, registration.sessionId));
      if (!registration || !session) throw new RegistrationNotFoundError();
      const policy = await this.tenants.policy(manager, tenantId);
      // The old flag, or the mark feedback leaves now that it is kept apart from the registration.
      const feedbackGiven =
        registration.feedbackGiven ||
        (await this.feedback.isMarkedGiven(manager, tenantId, this.vault.givenMark(tenantId, registration.id)));
      return {
        id: registration.id,
        status: registration.status,
        tenantSlug: policy.slug,
        ...(registration.waitlistPosition !== null ? { waitlistPosition: registration.waitlistPosition } : {}),
        ...(registration.status === 'offered' && registration.offerExpiresAt
          ? { offerExpiresAt: registration.offerExpiresAt.toISOString() }
          : {}),
        feedbackGiven,
        session: {
          id: session.id,
          title: session.title,
          confidential: session.confidential,
          status: session.status,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          timezone: session.timezone,
          venue: { name: session.venue.name, address: session.venue.address },
        },
      };
    });
  }
}
