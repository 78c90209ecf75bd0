import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { InvalidTransitionError, LinkNoLongerValidError, RegistrationNotFoundError } from '../../domain/registration-errors';
import { holdsSeat, isActive } from '../../domain/registration-status';
import { isLateCancellation, minutesBeforeStart } from '../../domain/seat-rules';
import { RegistrationEvents } from '../../events/registration-events';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

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
 * registration. A freed seat goes to the waitlist through the worker.
 */
@Injectable()
export class CancelRegistrationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    private readonly jobs: SeatJobs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CancelRegistrationCommand): Promise<CancelRegistrationResult> {
    const byParticipant = command.by === 'participant';
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before) {
        if (byParticipant) throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
        throw new RegistrationNotFoundError();
      }
      const session = (await this.sessions.lock(manager, command.tenantId, before.sessionId))!;
      const registration = (await this.registrations.find(manager, command.tenantId, command.registrationId))!;
      const now = this.clock.now();

      if (!isActive(registration.status)) {
        const message =
          registration.status === 'cancelled'
            ? 'Cette inscription est déjà annulée.'
            : 'Cette inscription est terminée : il n’y a plus rien à annuler.';
        if (byParticipant) throw new LinkNoLongerValidError(message);
        throw new InvalidTransitionError(message, 'not_cancellable');
      }
      if (session.startsAt <= now) {
        const message = 'La séance a déjà commencé : l’inscription ne peut plus être annulée.';
        if (byParticipant) throw new LinkNoLongerValidError(message, 'link_expired');
        throw new InvalidTransitionError(message, 'session_started');
      }

      const policy = await this.tenants.policy(manager, command.tenantId);
      const late = byParticipant && registration.status === 'confirmed' && isLateCancellation(session, policy, now);
      await this.registrations.changeStatus(manager, session, registration, {
        status: 'cancelled',
        at: now,
        cancelledBy: command.by,
        cancellationReason: command.reason,
        lateCancellation: late,
      });
      await this.outbox.add(
        manager,
        this.events.cancelled(
          registration,
          session,
          { by: command.by, reason: command.reason, lateCancellation: late, minutesBeforeStart: minutesBeforeStart(session, now) },
          now,
          { correlationId: command.correlationId },
        ),
      );
      if (holdsSeat(registration.status)) {
        this.jobs.later(manager).promoteWaitlist(command.tenantId, session.id, `cancelled-${registration.id}`, command.correlationId);
      }
      return { id: registration.id, status: 'cancelled' as const, previousStatus: registration.status, lateCancellation: late };
    });
  }
}
