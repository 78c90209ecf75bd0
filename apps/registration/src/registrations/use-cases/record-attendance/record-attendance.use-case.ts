import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { Principal, Role, runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import {
  AttendanceTooEarlyError,
  InvalidTransitionError,
  NotYourSessionError,
  RegistrationNotFoundError,
  SessionNotFoundError,
} from '../../domain/registration-errors';
import { attendanceOpen } from '../../domain/session-seats';
import { RegistrationEvents } from '../../events/registration-events';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

export interface RecordAttendanceCommand {
  principal: Principal;
  sessionId: string;
  registrationId: string;
  attended: boolean;
  correlationId?: string;
}

/** A facilitator may only act on the sessions they run; a coordinator on every session of the tenant. */
export function assertMaySeeSession(principal: Principal, session: SessionCopy): void {
  if (principal.roles.includes(Role.Coordinator)) return;
  if (principal.facilitatorId && session.facilitatorId === principal.facilitatorId) return;
  throw new NotYourSessionError();
}

/**
 * Check-in: a confirmed participant came (`attended`) or not (`no_show`). Either can be
 * corrected later; recording the same thing twice changes nothing and says so.
 */
@Injectable()
export class RecordAttendanceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    command: RecordAttendanceCommand,
  ): Promise<{ id: string; status: 'attended' | 'no_show'; changed: boolean }> {
    const tenantId = command.principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.lock(manager, tenantId, command.sessionId);
      if (!session) throw new SessionNotFoundError();
      assertMaySeeSession(command.principal, session);
      const registration = await this.registrations.find(manager, tenantId, command.registrationId);
      if (!registration || registration.sessionId !== session.id) throw new RegistrationNotFoundError();
      const now = this.clock.now();
      if (!attendanceOpen(session, now)) throw new AttendanceTooEarlyError();

      const target = command.attended ? 'attended' : 'no_show';
      if (registration.status === target) return { id: registration.id, status: target, changed: false };
      if (!['confirmed', 'attended', 'no_show'].includes(registration.status)) {
        throw new InvalidTransitionError(
          'Cette personne n’a pas de place confirmée pour cette séance : sa présence ne peut pas être relevée.',
          'not_confirmed',
        );
      }
      await this.registrations.changeStatus(manager, session, registration, { status: target, at: now });
      const cause = { correlationId: command.correlationId };
      await this.outbox.add(
        manager,
        command.attended
          ? this.events.attended(registration, session, now, cause)
          : this.events.noShow(registration, now, cause),
      );
      return { id: registration.id, status: target, changed: true };
    });
  }
}
