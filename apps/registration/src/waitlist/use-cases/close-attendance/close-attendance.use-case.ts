import { Inject, Injectable } from '@nestjs/common';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { RegistrationEnv } from '../../../config/env.schema';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SeatTransactions } from '../../../registrations/infrastructure/seat-transactions';

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
    private readonly seatTransactions: SeatTransactions,
    private readonly registrations: RegistrationRepository,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(command: CloseAttendanceCommand): Promise<CloseAttendanceResult> {
    return this.seatTransactions.onSession(command.tenantId, command.sessionId, async (locked) => {
      if (!locked) return { outcome: 'nothing-to-do' as const };
      const { seats } = locked;
      const delay = this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES;
      const due = seats.closeAttendance([], delay);
      if (due.outcome !== 'closed') return due;

      const confirmed = await this.registrations.withStatus(locked.manager, locked.session, ['confirmed']);
      const result = seats.closeAttendance(confirmed, delay);
      if (result.outcome !== 'closed') return result;
      await locked.apply(result.decision, { correlationId: command.correlationId });
      return { outcome: 'closed' as const, noShows: result.decision.changes.length };
    });
  }
}
