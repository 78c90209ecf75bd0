import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { RegistrationEnv } from '../../../config/env.schema';
import { SessionSeats } from '../../../registrations/domain/session-seats';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SeatDecisions } from '../../../registrations/infrastructure/seat-decisions';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

export interface CloseAttendanceCommand {
  tenantId: string;
  sessionId: string;
  correlationId?: string;
}

export type CloseAttendanceResult =
  { outcome: 'closed'; noShows: number } | { outcome: 'not-due'; dueAt: Date } | { outcome: 'nothing-to-do' };

/** After a session, confirmed registrations nobody checked in become no-shows (SessionSeats.closeAttendance). */
@Injectable()
export class CloseAttendanceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(command: CloseAttendanceCommand): Promise<CloseAttendanceResult> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const policy = await this.tenants.policy(manager, command.tenantId);
      const session = await this.sessions.lock(manager, command.tenantId, command.sessionId);
      if (!session) return { outcome: 'nothing-to-do' as const };
      const seats = new SessionSeats(session, policy, this.clock.now());
      const delay = this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES;
      const due = seats.closeAttendance([], delay);
      if (due.outcome !== 'closed') return due;

      const confirmed = await this.registrations.withStatus(manager, session, ['confirmed']);
      const result = seats.closeAttendance(confirmed, delay);
      if (result.outcome !== 'closed') return result;
      await this.decisions.apply(manager, session, result.decision, seats.now, {
        correlationId: command.correlationId,
      });
      return { outcome: 'closed' as const, noShows: result.decision.changes.length };
    });
  }
}
