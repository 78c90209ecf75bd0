import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '../../../clock/clock';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { EXPIRED_LINK_MESSAGES, feedbackClosesAt } from '../../../links/link-expiry';
import { FeedbackNotYetPossibleError, LinkExpiredError, LinkNoLongerValidError } from '../../domain/registration-errors';
import { RegistrationEvents } from '../../events/registration-events';
import { FeedbackRepository } from '../../infrastructure/feedback.repository';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

export interface SubmitFeedbackCommand {
  tenantId: string;
  registrationId: string;
  rating: number;
  comment: string | null;
  quoteConsent: boolean;
}

/**
 * Feedback from someone who attended, once. The feedback row and its event carry no identity
 * (random id, the day only); the registration only remembers that feedback was given.
 */
@Injectable()
export class SubmitFeedbackUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SubmitFeedbackCommand): Promise<{ received: true }> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, command.tenantId, command.registrationId, true);
      if (!registration) throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
      if (registration.feedbackGiven) {
        throw new LinkNoLongerValidError('Vous avez déjà donné votre avis sur cette séance. Merci !', 'feedback_already_given');
      }
      if (registration.status !== 'attended') throw new FeedbackNotYetPossibleError();
      const session = (await this.sessions.find(manager, command.tenantId, registration.sessionId))!;
      const now = this.clock.now();
      if (now > feedbackClosesAt(session.endsAt)) throw new LinkExpiredError(EXPIRED_LINK_MESSAGES.feedback);
      const feedback = {
        id: uuidv4(),
        sessionId: session.id,
        activityId: session.activityId,
        rating: command.rating,
        comment: command.comment,
        quoteConsent: command.quoteConsent,
        submittedOn: DateTime.fromJSDate(now).setZone(session.timezone).toISODate()!,
      };
      await this.feedback.insert(manager, command.tenantId, feedback);
      await this.registrations.markFeedbackGiven(manager, command.tenantId, registration.id);
      await this.outbox.add(manager, this.events.feedbackSubmitted(command.tenantId, feedback, now));
      return { received: true as const };
    });
  }
}
