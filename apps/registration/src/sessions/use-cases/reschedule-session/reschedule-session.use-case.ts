import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionRescheduledV1 } from '@respire/contracts';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationEnv } from '../../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { attendanceClosesAt, offerDeadline } from '../../../registrations/domain/session-seats';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { SessionRepository } from '../../infrastructure/session.repository';

/**
 * catalog.session.rescheduled: registrations are kept (notifications tells the participants
 * from the catalog event). Pending offers are shortened if the new start leaves them past the
 * cutoff, and attendance closes after the new end. An older sequence than the one held is ignored.
 */
@Injectable()
export class RescheduleSessionUseCase {
  private readonly logger = new Logger('RescheduleSession');

  constructor(
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly jobs: SeatJobs,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(manager: EntityManager, tenantId: string, data: SessionRescheduledV1): Promise<void> {
    const session = await this.sessions.lock(manager, tenantId, data.sessionId);
    if (!session) {
      this.logger.warn(`session ${data.sessionId} rescheduled but never published here: ignored`);
      return;
    }
    if (data.sequence <= session.sequence) return;
    const change = {
      startsAt: new Date(data.startsAt),
      endsAt: new Date(data.endsAt),
      timezone: data.timezone,
      venue: data.venue,
      sequence: data.sequence,
    };
    await this.sessions.reschedule(manager, session, change);
    const later = this.jobs.later(manager);
    const policy = await this.tenants.policy(manager, tenantId);
    const deadline = offerDeadline(change, policy);
    for (const offer of await this.registrations.withStatus(manager, session, ['offered'])) {
      if (offer.offerExpiresAt! <= deadline) continue;
      const expiresAt = new Date(Math.max(deadline.getTime(), this.clock.now().getTime()));
      await this.registrations.capOfferExpiry(manager, session, offer.id, expiresAt);
      later.expireOffer(tenantId, offer.id, expiresAt);
    }
    later.closeAttendance(
      tenantId,
      session.id,
      attendanceClosesAt(change, this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES),
    );
  }
}
