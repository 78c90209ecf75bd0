import { Injectable } from '@nestjs/common';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SeatTransactions } from '../../../registrations/infrastructure/seat-transactions';

export interface ExpireOfferCommand {
  tenantId: string;
  registrationId: string;
  correlationId?: string;
}

export type ExpireOfferResult =
  | { outcome: 'expired'; promoted: number }
  | { outcome: 'not-due'; dueAt: Date }
  | { outcome: 'nothing-to-do' };

/**
 * An offer not accepted in time (SessionSeats.expireOffer): `expired` and, in the same
 * transaction, the seat to the next person waiting. Early (the job ran before the expiry by
 * this service's clock) it says when to come back; already answered, it does nothing.
 */
@Injectable()
export class ExpireOfferUseCase {
  constructor(
    private readonly seatTransactions: SeatTransactions,
    private readonly registrations: RegistrationRepository,
  ) {}

  async execute(command: ExpireOfferCommand): Promise<ExpireOfferResult> {
    return this.seatTransactions.onRegistration(
      command.tenantId,
      command.registrationId,
      async (locked) => {
        if (!locked) return { outcome: 'nothing-to-do' as const };
        const { seats } = locked;
        // The expired offer's seat is free again once the decision applies.
        const next = await this.registrations.nextWaitlisted(
          locked.manager,
          locked.session,
          seats.canPromote() ? seats.freeSeats() + 1 : 0,
        );
        const result = seats.expireOffer(locked.registration, next);
        if (result.outcome !== 'expired') return result;
        await locked.apply(result.decision, { correlationId: command.correlationId });
        return { outcome: 'expired' as const, promoted: result.decision.changes.length - 1 };
      },
      (before) => before.status === 'offered',
    );
  }
}
