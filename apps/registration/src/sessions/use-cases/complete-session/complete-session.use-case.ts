import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RegistrationEnv } from '../../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { attendanceClosesAt } from '../../../registrations/domain/session-seats';
import { SessionRepository } from '../../infrastructure/session.repository';

/** catalog.session.completed: the session is over; attendance closes on schedule. */
@Injectable()
export class CompleteSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly jobs: SeatJobs,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(manager: EntityManager, tenantId: string, sessionId: string): Promise<void> {
    const session = await this.sessions.lock(manager, tenantId, sessionId);
    if (!session || session.status !== 'published') return;
    await this.sessions.setStatus(manager, session, 'completed');
    this.jobs
      .later(manager)
      .closeAttendance(
        tenantId,
        sessionId,
        attendanceClosesAt(session, this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES),
      );
  }
}
