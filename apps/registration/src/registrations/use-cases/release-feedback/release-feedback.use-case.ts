import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { feedbackClosesAt } from '../../../links/link-expiry';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { feedbackToRelease, shuffled } from '../../domain/feedback-release';
import { RegistrationEvents } from '../../events/registration-events';
import { FeedbackRepository, NewFeedback } from '../../infrastructure/feedback.repository';
import { FeedbackContent, FeedbackVault } from '../../infrastructure/feedback-vault';

/**
 * Moves a tenant's sealed feedback into `feedback` when its session's batch is due
 * (feedbackToRelease), in one transaction: rows and their registration.feedback-submitted events
 * in a random order, random ids, dated with the release day in the session's time zone. Run by
 * the worker's sweep; the row locks make two sweeps release each feedback once.
 */
@Injectable()
export class ReleaseFeedbackUseCase {
  private readonly logger = new Logger('ReleaseFeedback');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly feedback: FeedbackRepository,
    private readonly vault: FeedbackVault,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** How many feedbacks were released. */
  async execute(tenantId: string): Promise<number> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const pending = await this.feedback.lockPending(manager, tenantId);
      if (pending.length === 0) return 0;
      const now = this.clock.now();
      const sessions = new Map<string, SessionCopy | null>();
      for (const sessionId of new Set(pending.map((p) => p.sessionId))) {
        sessions.set(sessionId, await this.sessions.find(manager, tenantId, sessionId));
      }
      const due = new Set(
        feedbackToRelease(
          pending,
          (id) => (sessions.get(id) ? feedbackClosesAt(sessions.get(id)!.endsAt) : null),
          now,
        ),
      );
      if (due.size === 0) return 0;

      const released: NewFeedback[] = [];
      const unreadable: string[] = [];
      for (const item of pending.filter((p) => due.has(p.id))) {
        const session = sessions.get(item.sessionId);
        let content: FeedbackContent;
        try {
          content = this.vault.open(item.sealed);
        } catch {
          unreadable.push(item.id);
          continue;
        }
        if (!session) continue;
        released.push({
          id: uuidv4(),
          sessionId: session.id,
          activityId: session.activityId,
          ...content,
          submittedOn: DateTime.fromJSDate(now).setZone(session.timezone).toISODate()!,
        });
      }
      for (const feedback of shuffled(released, randomInt)) {
        await this.feedback.insert(manager, tenantId, feedback);
        await this.outbox.add(manager, this.events.feedbackSubmitted(tenantId, feedback, now));
      }
      await this.feedback.removePending(manager, tenantId, [...due]);
      if (unreadable.length > 0) {
        this.logger.warn(
          `${unreadable.length} pending feedback(s) of tenant ${tenantId} could not be opened (link secret rotated?): dropped`,
        );
      }
      return released.length;
    });
  }
}
