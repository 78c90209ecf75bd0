import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Outbox } from '@respire/messaging';
import { isUniqueViolation, CLOCK, Clock } from '@respire/platform';
import { runInTenantTransaction } from '@respire/tenancy';
import { freeSeats } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import {
  AlreadyRegisteredError,
  InvalidTransitionError,
  RegistrationNotFoundError,
  SessionAlreadyStartedError,
  SessionCancelledError,
  SessionNotFoundError,
  TargetSessionFullError,
} from '../../domain/registration-errors';
import { holdsSeat, isActive } from '../../domain/registration-status';
import { canPromote, frenchDateTime, minutesBeforeStart } from '../../domain/seat-rules';
import { RegistrationEvents } from '../../events/registration-events';
import { RegistrationRepository, RegistrationView } from '../../infrastructure/registration.repository';

export interface MoveRegistrationCommand {
  tenantId: string;
  registrationId: string;
  targetSessionId: string;
  /** When the target is full: join its waitlist (true) or refuse the move (false, the default). */
  waitlistIfFull: boolean;
  correlationId?: string;
}

export interface MoveRegistrationResult {
  cancelled: { id: string; sessionId: string; status: 'cancelled' };
  registration: { id: string; sessionId: string; status: 'confirmed' | 'waitlisted'; waitlistPosition?: number };
}

/**
 * A coordinator moves someone to another session: the old registration is cancelled and a new
 * one made in the same transaction, both sessions locked (in id order), or nothing happens.
 */
@Injectable()
export class MoveRegistrationUseCase {
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

  async execute(command: MoveRegistrationCommand): Promise<MoveRegistrationResult> {
    const { tenantId } = command;
    try {
      return await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
        const before = await this.registrations.find(manager, tenantId, command.registrationId);
        if (!before) throw new RegistrationNotFoundError();
        if (before.sessionId === command.targetSessionId) {
          throw new InvalidTransitionError('Cette personne est déjà inscrite à cette séance.', 'same_session');
        }
        const locked = await this.sessions.lockMany(manager, tenantId, [before.sessionId, command.targetSessionId]);
        const source = locked.get(before.sessionId)!;
        const target = locked.get(command.targetSessionId);
        if (!target) throw new SessionNotFoundError();
        const registration = (await this.registrations.find(manager, tenantId, command.registrationId))!;
        const now = this.clock.now();

        if (!isActive(registration.status)) {
          throw new InvalidTransitionError('Seule une inscription en cours (confirmée, proposée ou en attente) peut être déplacée.', 'not_movable');
        }
        if (target.status === 'cancelled') throw new SessionCancelledError();
        if (target.status === 'completed' || target.startsAt <= now) throw new SessionAlreadyStartedError();

        const policy = await this.tenants.policy(manager, tenantId);
        const waiting = await this.registrations.countWaitlisted(manager, target);
        const owed = canPromote(target, policy, now) ? waiting : 0;
        const seat = freeSeats(target) > owed;
        if (!seat && !command.waitlistIfFull) throw new TargetSessionFullError();

        const reason = `Déplacement vers la séance du ${frenchDateTime(target.startsAt, target.timezone)}.`;
        await this.registrations.changeStatus(manager, source, registration, {
          status: 'cancelled',
          at: now,
          cancelledBy: 'coordinator',
          cancellationReason: reason,
          lateCancellation: false,
        });
        const id = uuidv7();
        const status = seat ? 'confirmed' : 'waitlisted';
        await this.registrations.insert(manager, target, {
          id,
          sessionId: target.id,
          participantId: registration.participantId,
          status,
          origin: 'coordinator',
          confirmedVia: seat ? 'coordinator' : null,
          movedFrom: registration.id,
          now,
        });
        const moved: RegistrationView = { ...registration, id, sessionId: target.id, status, movedFrom: registration.id };
        const cause = { correlationId: command.correlationId };
        await this.outbox.addAll(manager, [
          this.events.cancelled(
            registration,
            source,
            { by: 'coordinator', reason, lateCancellation: false, minutesBeforeStart: minutesBeforeStart(source, now) },
            now,
            cause,
          ),
          seat
            ? this.events.confirmed(moved, target, 'coordinator', now, cause)
            : this.events.waitlisted(moved, target, waiting + 1, now, cause),
        ]);
        if (holdsSeat(registration.status)) {
          this.jobs.later(manager).promoteWaitlist(tenantId, source.id, `moved-${registration.id}`, command.correlationId);
        }
        return {
          cancelled: { id: registration.id, sessionId: source.id, status: 'cancelled' as const },
          registration: { id, sessionId: target.id, status, ...(seat ? {} : { waitlistPosition: waiting + 1 }) },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'registration_one_active_per_participant')) {
        throw new AlreadyRegisteredError();
      }
      throw error;
    }
  }
}
