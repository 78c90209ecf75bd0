import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation } from '@respire/platform';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import {
  AlreadyRegisteredError,
  InvalidTransitionError,
  RegistrationNotFoundError,
  SessionNotFoundError,
} from '../../domain/registration-errors';
import { SessionSeats } from '../../domain/session-seats';
import { RegistrationEvents } from '../../events/registration-events';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationView } from '../../domain/registration-view';
import { SeatDecisions } from '../../infrastructure/seat-decisions';

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
  registration: {
    id: string;
    sessionId: string;
    status: 'confirmed' | 'waitlisted';
    waitlistPosition?: number;
  };
}

/**
 * A coordinator moves someone to another session: the old registration is cancelled and a new
 * one made in the same transaction, both sessions locked (in id order), or nothing happens.
 * SessionSeats.move decides: the target places them as it would a newcomer.
 */
@Injectable()
export class MoveRegistrationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly events: RegistrationEvents,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: MoveRegistrationCommand): Promise<MoveRegistrationResult> {
    const { tenantId } = command;
    try {
      return await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
        const before = await this.registrations.find(manager, tenantId, command.registrationId);
        if (!before) throw new RegistrationNotFoundError();
        if (before.sessionId === command.targetSessionId) {
          throw new InvalidTransitionError(
            'Cette personne est déjà inscrite à cette séance.',
            'same_session',
          );
        }
        const policy = await this.tenants.policy(manager, tenantId);
        const locked = await this.sessions.lockMany(manager, tenantId, [
          before.sessionId,
          command.targetSessionId,
        ]);
        const source = locked.get(before.sessionId)!;
        const target = locked.get(command.targetSessionId);
        if (!target) throw new SessionNotFoundError();
        const registration = (await this.registrations.find(manager, tenantId, command.registrationId))!;
        const now = this.clock.now();

        const waiting = await this.registrations.countWaitlisted(manager, target);
        const { leave, placement } = new SessionSeats(source, policy, now).move(
          registration,
          new SessionSeats(target, policy, now),
          waiting,
          command.waitlistIfFull,
        );
        const id = uuidv7();
        const moved: RegistrationView = {
          ...registration,
          id,
          sessionId: target.id,
          status: placement.status,
          movedFrom: registration.id,
        };
        const cause = { correlationId: command.correlationId };
        // The old registration leaves first: its seat is given back before the new one is placed.
        await this.decisions.apply(manager, source, leave, now, cause, [
          placement.status === 'confirmed'
            ? this.events.confirmed(moved, target, 'coordinator', now, cause)
            : this.events.waitlisted(moved, target, placement.position, now, cause),
        ]);
        await this.registrations.insert(manager, target, {
          id,
          sessionId: target.id,
          participantId: registration.participantId,
          status: placement.status,
          origin: 'coordinator',
          confirmedVia: placement.status === 'confirmed' ? 'coordinator' : null,
          movedFrom: registration.id,
          now,
        });
        return {
          cancelled: { id: registration.id, sessionId: source.id, status: 'cancelled' as const },
          registration: {
            id,
            sessionId: target.id,
            status: placement.status,
            ...(placement.status === 'waitlisted' ? { waitlistPosition: placement.position } : {}),
          },
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
