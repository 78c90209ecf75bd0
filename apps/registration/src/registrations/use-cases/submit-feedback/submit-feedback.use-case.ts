import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { EXPIRED_LINK_MESSAGES, feedbackClosesAt } from '../../../links/link-expiry';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import {
  FeedbackNotYetPossibleError,
  LinkExpiredError,
  LinkNoLongerValidError,
} from '../../domain/registration-errors';
import { FeedbackRepository } from '../../infrastructure/feedback.repository';
import { FeedbackVault } from '../../infrastructure/feedback-vault';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

export interface SubmitFeedbackCommand {
  tenantId: string;
  registrationId: string;
  rating: number;
  comment: string | null;
  quoteConsent: boolean;
}

const ALREADY_GIVEN = 'Vous avez déjà donné votre avis sur cette séance. Merci !';

/**
 * Feedback from someone who attended, once, kept so that nobody can tell whose it is — not even
 * with the whole database in hand. What this transaction writes:
 *
 * - a keyed mark of the registration (FeedbackVault.givenMark) that refuses a second feedback;
 *   the registration row itself is read without a lock and left untouched, so neither its xmin
 *   nor its xmax (a row lock writes the locker's id there) meets this transaction;
 * - the feedback, sealed (fixed size, AES-GCM), in `feedback_pending`. No event, no timestamp.
 *
 * The worker releases it later with others of the same session (ReleaseFeedbackUseCase): in one
 * transaction that writes them into `feedback` in a random order, dated with the release day,
 * random ids (UUID v4), their events in that same random order. The limits are in the README
 * ("Feedback without names").
 */
@Injectable()
export class SubmitFeedbackUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly vault: FeedbackVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SubmitFeedbackCommand): Promise<{ received: true }> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!registration)
        throw new LinkNoLongerValidError('Cette inscription n’existe plus.', 'registration_gone');
      // Set by feedback given before it was kept apart.
      if (registration.feedbackGiven)
        throw new LinkNoLongerValidError(ALREADY_GIVEN, 'feedback_already_given');
      if (registration.status !== 'attended') throw new FeedbackNotYetPossibleError();
      const session = (await this.sessions.find(manager, command.tenantId, registration.sessionId))!;
      if (this.clock.now() > feedbackClosesAt(session.endsAt))
        throw new LinkExpiredError(EXPIRED_LINK_MESSAGES.feedback);

      const first = await this.feedback.markGiven(
        manager,
        command.tenantId,
        this.vault.givenMark(command.tenantId, registration.id),
      );
      if (!first) throw new LinkNoLongerValidError(ALREADY_GIVEN, 'feedback_already_given');
      await this.feedback.addPending(manager, command.tenantId, {
        id: uuidv4(),
        sessionId: session.id,
        sealed: this.vault.seal({
          rating: command.rating,
          comment: command.comment,
          quoteConsent: command.quoteConsent,
        }),
      });
      return { received: true as const };
    });
  }
}
