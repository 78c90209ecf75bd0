import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { LinkNoLongerValidError } from '../../domain/registration-errors';
import { SessionSeats } from '../../domain/session-seats';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { SeatDecisions } from '../../infrastructure/seat-decisions';

export interface RespondToOfferCommand {
  tenantId: string;
  registrationId: string;
  answer: 'accept' | 'decline';
  correlationId?: string;
}

/** A waitlisted participant accepts (→ confirmed) or declines (→ the next person) an offered seat. */
@Injectable()
export class RespondToOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RespondToOfferCommand): Promise<{ id: string; status: 'confirmed' | 'declined' }> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before) throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
      const policy = await this.tenants.policy(manager, command.tenantId);
      const session = (await this.sessions.lock(manager, command.tenantId, before.sessionId))!;
      const registration = (await this.registrations.find(
        manager,
        command.tenantId,
        command.registrationId,
      ))!;
      const now = this.clock.now();

      const decision = new SessionSeats(session, policy, now).respondToOffer(registration, command.answer);
      await this.decisions.apply(manager, session, decision, now, { correlationId: command.correlationId });
      return {
        id: registration.id,
        status: command.answer === 'accept' ? ('confirmed' as const) : ('declined' as const),
      };
    });
  }
}
