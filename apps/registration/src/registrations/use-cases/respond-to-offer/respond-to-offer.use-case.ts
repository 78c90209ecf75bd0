import { Injectable } from '@nestjs/common';
import { LinkNoLongerValidError } from '../../domain/registration-errors';
import { SeatTransactions } from '../../infrastructure/seat-transactions';

export interface RespondToOfferCommand {
  tenantId: string;
  registrationId: string;
  answer: 'accept' | 'decline';
  correlationId?: string;
}

/** A waitlisted participant accepts (→ confirmed) or declines (→ the next person) an offered seat. */
@Injectable()
export class RespondToOfferUseCase {
  constructor(private readonly seatTransactions: SeatTransactions) {}

  async execute(command: RespondToOfferCommand): Promise<{ id: string; status: 'confirmed' | 'declined' }> {
    return this.seatTransactions.onRegistration(command.tenantId, command.registrationId, async (locked) => {
      if (!locked) throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
      const { registration } = locked;
      const decision = locked.seats.respondToOffer(registration, command.answer);
      await locked.apply(decision, { correlationId: command.correlationId });
      return {
        id: registration.id,
        status: command.answer === 'accept' ? ('confirmed' as const) : ('declined' as const),
      };
    });
  }
}
