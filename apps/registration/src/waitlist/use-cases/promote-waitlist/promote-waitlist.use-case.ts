import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@respire/platform';
import { SessionSeats } from '../../../registrations/domain/session-seats';
import { EventCause } from '../../../registrations/events/registration-events';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SeatDecisions } from '../../../registrations/infrastructure/seat-decisions';
import { SeatTransactions } from '../../../registrations/infrastructure/seat-transactions';
import { TenantPolicy } from '../../../tenants/domain/tenant-policy';
import { LockedSession, SessionRepository } from '../../../sessions/infrastructure/session.repository';

export interface PromoteWaitlistCommand {
  tenantId: string;
  sessionId: string;
  correlationId?: string;
}

/**
 * Gives a session's free seats to its waitlist (SessionSeats.promote). Safe to run any number
 * of times: it works from the seats and the waitlist as the database holds them, under the
 * session's lock.
 */
@Injectable()
export class PromoteWaitlistUseCase {
  constructor(
    private readonly seatTransactions: SeatTransactions,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PromoteWaitlistCommand): Promise<number> {
    return this.seatTransactions.onSession(command.tenantId, command.sessionId, async (locked) => {
      if (!locked) return 0;
      return this.within(locked.manager, locked.session, locked.policy, {
        correlationId: command.correlationId,
      });
    });
  }

  /** Inside a transaction that already holds the session's lock. Returns how many were promoted. */
  async within(
    manager: EntityManager,
    locked: LockedSession,
    policy: TenantPolicy,
    cause: EventCause,
  ): Promise<number> {
    const now = this.clock.now();
    const session = await this.sessions.refresh(manager, locked);
    const seats = new SessionSeats(session, policy, now);
    const next = await this.registrations.nextWaitlisted(manager, session, seats.promotable());
    const decision = seats.promote(next);
    await this.decisions.apply(manager, session, decision, now, cause);
    return decision.changes.length;
  }
}
