import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EventEnvelope, SessionPublishedV1 } from '@respire/contracts';
import { CLOCK, Clock } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../config/env.schema';
import { afterCommit } from '@respire/tenancy';
import { AlertScheduler } from '../alert-scheduler';
import { AlertRepository } from '../infrastructure/alert.repository';

/**
 * A published session joins the tenant's open publication batch when someone confirmed an alert
 * for its category; the batch's digest goes NOTIFICATIONS_ALERT_DIGEST_DELAY_SECONDS after the
 * last publication, so a series published together makes one message.
 */
@Injectable()
export class QueueAlertUseCase {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertRepository,
    private readonly scheduler: AlertScheduler,
  ) {}

  async published(manager: EntityManager, event: EventEnvelope<SessionPublishedV1>): Promise<void> {
    const { tenantId, data } = event;
    const now = this.clock.now();
    if (new Date(data.startsAt).getTime() <= now.getTime()) return;
    if (!(await this.alerts.anyConfirmed(manager, tenantId, data.category))) return;
    const dueAt = new Date(now.getTime() + this.config.NOTIFICATIONS_ALERT_DIGEST_DELAY_SECONDS * 1000);
    const batch = await this.alerts.enqueue(
      manager,
      tenantId,
      {
        sessionId: data.sessionId,
        category: data.category,
        title: data.title,
        confidential: data.confidential,
        startsAt: new Date(data.startsAt),
        endsAt: new Date(data.endsAt),
        timezone: data.timezone,
        venueName: data.venue?.name ?? null,
      },
      uuidv7(),
      now,
      dueAt,
    );
    if (batch) afterCommit(manager, () => this.scheduler.schedule(tenantId, batch));
  }
}
