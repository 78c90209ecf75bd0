import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionPublishedV1 } from '@respire/contracts';
import { RegistrationEnv } from '../../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { attendanceClosesAt } from '../../../registrations/domain/session-seats';
import { SessionRepository } from '../../infrastructure/session.repository';

/**
 * catalog.session.published: the session is open to registration here too. A redelivery or a
 * re-publication refreshes the copy; a session already cancelled or completed stays so.
 */
@Injectable()
export class RecordPublishedSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly jobs: SeatJobs,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(
    manager: EntityManager,
    tenantId: string,
    data: SessionPublishedV1,
    eventId: string,
  ): Promise<void> {
    await this.tenants.ensure(manager, tenantId);
    const existing = await this.sessions.lock(manager, tenantId, data.sessionId);
    if (existing && existing.status !== 'published') return;
    await this.sessions.savePublished(manager, tenantId, {
      id: data.sessionId,
      activityId: data.activityId,
      programmeId: data.programmeId,
      title: data.title,
      category: data.category,
      confidential: data.confidential,
      startsAt: new Date(data.startsAt),
      endsAt: new Date(data.endsAt),
      timezone: data.timezone,
      venue: data.venue,
      facilitatorId: data.facilitatorId,
      facilitatorName: data.facilitatorName ?? null,
      programmeTitle: data.programmeTitle ?? null,
      funder: data.funder ?? null,
      capacity: data.capacity,
      registrationOpensAt: data.registrationOpensAt ? new Date(data.registrationOpensAt) : null,
      registrationClosesAt: data.registrationClosesAt ? new Date(data.registrationClosesAt) : null,
      eligibleProfessions: data.eligibleProfessions,
      eligiblePracticeModes: data.eligiblePracticeModes ?? [],
      priceCents: data.priceCents,
      sequence: data.sequence,
    });
    const later = this.jobs.later(manager);
    later.closeAttendance(
      tenantId,
      data.sessionId,
      attendanceClosesAt({ endsAt: new Date(data.endsAt) }, this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES),
    );
    if (existing && data.capacity > existing.capacity)
      later.promoteWaitlist(tenantId, data.sessionId, `published-${eventId}`);
  }
}
