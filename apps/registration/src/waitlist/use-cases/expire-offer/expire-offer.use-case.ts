import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionSeats } from '../../../registrations/domain/session-seats';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SeatDecisions } from '../../../registrations/infrastructure/seat-decisions';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

export interface ExpireOfferCommand {
  tenantId: string;
  registrationId: string;
  correlationId?: string;
}

export type ExpireOfferResult =
  | { outcome: 'expired'; promoted: number }
  | { outcome: 'not-due'; dueAt: Date }
  | { outcome: 'nothing-to-do' };

/**
 * An offer not accepted in time (SessionSeats.expireOffer): `expired` and, in the same
 * transaction, the seat to the next person waiting. Early (the job ran before the expiry by
 * this service's clock) it says when to come back; already answered, it does nothing.
 */
@Injectable()
export class ExpireOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ExpireOfferCommand): Promise<ExpireOfferResult> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before || before.status !== 'offered') return { outcome: 'nothing-to-do' as const };
      const policy = await this.tenants.policy(manager, command.tenantId);
      const session = await this.sessions.lock(manager, command.tenantId, before.sessionId);
      const registration = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!session || !registration) return { outcome: 'nothing-to-do' as const };

      const seats = new SessionSeats(session, policy, this.clock.now());
      // The expired offer's seat is free again once the decision applies.
      const next = await this.registrations.nextWaitlisted(
        manager,
        session,
        seats.canPromote() ? seats.freeSeats() + 1 : 0,
      );
      const result = seats.expireOffer(registration, next);
      if (result.outcome !== 'expired') return result;
      await this.decisions.apply(manager, session, result.decision, seats.now, {
        correlationId: command.correlationId,
      });
      return { outcome: 'expired' as const, promoted: result.decision.changes.length - 1 };
    });
  }
}
