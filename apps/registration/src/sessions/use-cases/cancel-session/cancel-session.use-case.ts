import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionCancelledV1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { CLOCK, Clock } from '@respire/platform';
import { minutesBeforeStart } from '../../../registrations/domain/session-seats';
import { RegistrationEvents } from '../../../registrations/events/registration-events';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../infrastructure/session.repository';

/**
 * catalog.session.cancelled: every confirmed, offered or waitlisted registration is cancelled
 * (by 'session-cancelled', with the coordinator's reason), one event each, in one transaction.
 */
@Injectable()
export class CancelSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    manager: EntityManager,
    tenantId: string,
    data: SessionCancelledV1,
    eventId: string,
    correlationId: string,
  ): Promise<number> {
    const session = await this.sessions.lock(manager, tenantId, data.sessionId);
    if (!session || session.status === 'cancelled') return 0;
    await this.sessions.setStatus(manager, session, 'cancelled', data.reason);
    const now = this.clock.now();
    const active = await this.registrations.withStatus(manager, session, [
      'confirmed',
      'offered',
      'waitlisted',
    ]);
    const details = {
      by: 'session-cancelled' as const,
      reason: data.reason,
      lateCancellation: false,
      minutesBeforeStart: minutesBeforeStart(session, now),
    };
    for (const registration of active) {
      await this.registrations.changeStatus(manager, session, registration, {
        status: 'cancelled',
        at: now,
        cancelledBy: 'session-cancelled',
        cancellationReason: data.reason,
        lateCancellation: false,
      });
    }
    await this.outbox.addAll(
      manager,
      active.map((registration) =>
        this.events.cancelled(registration, session, details, now, { correlationId, causationId: eventId }),
      ),
    );
    return active.length;
  }
}
