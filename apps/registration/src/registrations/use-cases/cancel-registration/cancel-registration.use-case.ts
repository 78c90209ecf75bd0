import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { LinkNoLongerValidError, RegistrationNotFoundError } from '../../domain/registration-errors';
import { SessionSeats } from '../../domain/session-seats';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { SeatDecisions } from '../../infrastructure/seat-decisions';

export interface CancelRegistrationCommand {
  tenantId: string;
  registrationId: string;
  by: 'participant' | 'coordinator';
  reason: string | null;
  correlationId?: string;
}

export interface CancelRegistrationResult {
  id: string;
  status: 'cancelled';
  previousStatus: string;
  lateCancellation: boolean;
}

/**
 * A participant (through their link) or a coordinator cancels a confirmed, offered or waitlisted
 * registration (SessionSeats.cancel). A freed seat goes to the waitlist through the worker.
 */
@Injectable()
export class CancelRegistrationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CancelRegistrationCommand): Promise<CancelRegistrationResult> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before) {
        if (command.by === 'participant')
          throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
        throw new RegistrationNotFoundError();
      }
      const policy = await this.tenants.policy(manager, command.tenantId);
      const session = (await this.sessions.lock(manager, command.tenantId, before.sessionId))!;
      const registration = (await this.registrations.find(
        manager,
        command.tenantId,
        command.registrationId,
      ))!;
      const now = this.clock.now();

      const decision = new SessionSeats(session, policy, now).cancel(
        registration,
        command.by,
        command.reason,
      );
      await this.decisions.apply(manager, session, decision, now, { correlationId: command.correlationId });
      const { lateCancellation } = decision.changes[0].change;
      return {
        id: registration.id,
        status: 'cancelled' as const,
        previousStatus: registration.status,
        lateCancellation: lateCancellation!,
      };
    });
  }
}
