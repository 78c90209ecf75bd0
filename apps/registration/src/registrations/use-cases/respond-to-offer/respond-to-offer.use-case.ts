import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction, afterCommit } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { SeatJobs } from '../../../waitlist/jobs/seat-jobs';
import { LinkNoLongerValidError } from '../../domain/registration-errors';
import { RegistrationStatus } from '../../domain/registration-status';
import { RegistrationEvents } from '../../events/registration-events';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

export interface RespondToOfferCommand {
  tenantId: string;
  registrationId: string;
  answer: 'accept' | 'decline';
  correlationId?: string;
}

const NOT_OFFERED: Partial<Record<RegistrationStatus, string>> = {
  confirmed: 'Vous avez déjà accepté cette place : votre inscription est confirmée.',
  attended: 'Vous avez déjà accepté cette place.',
  no_show: 'Vous avez déjà accepté cette place.',
  expired: 'Cette proposition a expiré : la place a été proposée à la personne suivante.',
  declined: 'Vous avez déjà décliné cette proposition.',
  cancelled: 'Cette inscription a été annulée.',
  waitlisted: 'Aucune place ne vous est proposée pour le moment : vous êtes toujours sur la liste d’attente.',
};

/** A waitlisted participant accepts (→ confirmed) or declines (→ the next person) an offered seat. */
@Injectable()
export class RespondToOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    private readonly jobs: SeatJobs,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: RegistrationMetrics,
  ) {}

  async execute(command: RespondToOfferCommand): Promise<{ id: string; status: 'confirmed' | 'declined' }> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before) throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
      const session = (await this.sessions.lock(manager, command.tenantId, before.sessionId))!;
      const registration = (await this.registrations.find(manager, command.tenantId, command.registrationId))!;
      const now = this.clock.now();

      if (registration.status !== 'offered') {
        throw new LinkNoLongerValidError(NOT_OFFERED[registration.status] ?? 'Cette proposition n’est plus valable.');
      }
      if (registration.offerExpiresAt! <= now) {
        // The expiry job is on its way; the seat is no longer held for them.
        throw new LinkNoLongerValidError(NOT_OFFERED.expired!, 'offer_expired');
      }
      const cause = { correlationId: command.correlationId };
      afterCommit(manager, () => this.metrics.offers.inc({ outcome: command.answer === 'accept' ? 'accepted' : 'declined' }));
      if (command.answer === 'accept') {
        await this.registrations.changeStatus(manager, session, registration, { status: 'confirmed', at: now, confirmedVia: 'offer' });
        await this.outbox.addAll(manager, [
          this.events.offerAccepted(registration, now, cause),
          this.events.confirmed(registration, session, 'offer', now, cause),
        ]);
        return { id: registration.id, status: 'confirmed' as const };
      }
      await this.registrations.changeStatus(manager, session, registration, { status: 'declined', at: now });
      await this.outbox.add(manager, this.events.offerDeclined(registration, now, cause));
      this.jobs.later(manager).promoteWaitlist(command.tenantId, session.id, `declined-${registration.id}`, command.correlationId);
      return { id: registration.id, status: 'declined' as const };
    });
  }
}
