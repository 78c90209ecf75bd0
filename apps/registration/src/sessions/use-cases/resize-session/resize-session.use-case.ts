import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionCapacityChangedV1 } from '@respire/contracts';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { SessionRepository } from '../../infrastructure/session.repository';

/**
 * catalog.session.capacity-changed. More seats: the waitlist gets them (through the worker).
 * Fewer: everyone holding a seat keeps it; no new seat is given until the session is back
 * under its capacity (the database's seats_kept).
 */
@Injectable()
export class ResizeSessionUseCase {
  private readonly logger = new Logger('ResizeSession');

  constructor(
    private readonly sessions: SessionRepository,
    private readonly jobs: SeatJobs,
  ) {}

  async execute(
    manager: EntityManager,
    tenantId: string,
    data: SessionCapacityChangedV1,
    eventId: string,
  ): Promise<void> {
    const session = await this.sessions.lock(manager, tenantId, data.sessionId);
    if (!session) {
      this.logger.warn(`session ${data.sessionId} resized but never published here: ignored`);
      return;
    }
    if (session.capacity === data.capacity) return;
    await this.sessions.resize(manager, session, data.capacity);
    if (data.capacity > session.capacity)
      this.jobs.later(manager).promoteWaitlist(tenantId, session.id, `capacity-${eventId}`);
    if (data.capacity < session.seatsHeld) {
      this.logger.log(
        `session ${session.id}: capacity ${data.capacity} below the ${session.seatsHeld} seats held; they are kept`,
      );
    }
  }
}
