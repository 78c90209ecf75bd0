import { Injectable } from '@nestjs/common';
import { LinkNoLongerValidError, RegistrationNotFoundError } from '../../domain/registration-errors';
import { SeatTransactions } from '../../infrastructure/seat-transactions';

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
  constructor(private readonly seatTransactions: SeatTransactions) {}

  async execute(command: CancelRegistrationCommand): Promise<CancelRegistrationResult> {
    return this.seatTransactions.onRegistration(command.tenantId, command.registrationId, async (locked) => {
      if (!locked) {
        if (command.by === 'participant')
          throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
        throw new RegistrationNotFoundError();
      }
      const { registration } = locked;
      const decision = locked.seats.cancel(registration, command.by, command.reason);
      await locked.apply(decision, { correlationId: command.correlationId });
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
