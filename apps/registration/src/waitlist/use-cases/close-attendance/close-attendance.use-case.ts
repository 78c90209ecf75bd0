import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { RegistrationEnv } from '../../../config/env.schema';
import { RegistrationEvents } from '../../../registrations/events/registration-events';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';

export interface CloseAttendanceCommand {
  tenantId: string;
  sessionId: string;
  correlationId?: string;
}

export type CloseAttendanceResult = { outcome: 'closed'; noShows: number } | { outcome: 'not-due'; dueAt: Date } | { outcome: 'nothing-to-do' };

/** When attendance of a session closes: REGISTRATION_NO_SHOW_DELAY_MINUTES after it ends. */
export function attendanceClosesAt(session: Pick<SessionCopy, 'endsAt'>, delayMinutes: number): Date {
  return new Date(session.endsAt.getTime() + delayMinutes * 60_000);
}

/** After a session, confirmed registrations nobody checked in become no-shows. */
@Injectable()
export class CloseAttendanceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(command: CloseAttendanceCommand): Promise<CloseAttendanceResult> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const session = await this.sessions.lock(manager, command.tenantId, command.sessionId);
      if (!session || session.status === 'cancelled') return { outcome: 'nothing-to-do' as const };
      const now = this.clock.now();
      const dueAt = attendanceClosesAt(session, this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES);
      if (dueAt > now) return { outcome: 'not-due' as const, dueAt };

      const confirmed = await this.registrations.withStatus(manager, session, ['confirmed']);
      for (const registration of confirmed) {
        await this.registrations.changeStatus(manager, session, registration, { status: 'no_show', at: now });
      }
      await this.outbox.addAll(
        manager,
        confirmed.map((registration) => this.events.noShow(registration, now, { correlationId: command.correlationId })),
      );
      return { outcome: 'closed' as const, noShows: confirmed.length };
    });
  }
}
