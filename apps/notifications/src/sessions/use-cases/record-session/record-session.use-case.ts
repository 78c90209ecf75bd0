import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ActivityCreatedV1,
  EventEnvelope,
  SessionCancelledV1,
  SessionCompletedV1,
  SessionPublishedV1,
} from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SessionRepository } from '../../infrastructure/session.repository';

/** Keeps the session and activity copies current: publication, cancellation, completion, activity changes. */
@Injectable()
export class RecordSessionUseCase {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async published(manager: EntityManager, event: EventEnvelope<SessionPublishedV1>): Promise<void> {
    const { tenantId, data } = event;
    await this.tenants.ensure(manager, tenantId);
    const current = await this.sessions.findForUpdate(manager, tenantId, data.sessionId);
    // Activity events travel under another key: an activity change that was read first wins.
    const activity = await this.sessions.activity(manager, tenantId, data.activityId);
    const newerActivity = activity && activity.updatedFrom.getTime() > new Date(event.occurredAt).getTime();
    const keepTimes = current !== null && current.sequence > data.sequence;
    await this.sessions.save(manager, {
      tenantId,
      sessionId: data.sessionId,
      activityId: data.activityId,
      title: newerActivity ? activity.title : data.title,
      confidential: newerActivity ? activity.confidential : data.confidential,
      startsAt: keepTimes ? current.startsAt : new Date(data.startsAt),
      endsAt: keepTimes ? current.endsAt : new Date(data.endsAt),
      timezone: keepTimes ? current.timezone : data.timezone,
      venue: keepTimes ? current.venue : data.venue,
      sequence: keepTimes ? current.sequence : data.sequence,
      facilitatorId: data.facilitatorId,
      status: current && current.status !== 'published' ? current.status : 'published',
    });
    afterCommit(manager, () =>
      this.scheduler.syncSession(tenantId, data.sessionId, current?.startsAt ?? null),
    );
  }

  async cancelled(manager: EntityManager, event: EventEnvelope<SessionCancelledV1>): Promise<void> {
    const { tenantId, data } = event;
    const current = await this.sessions.findForUpdate(manager, tenantId, data.sessionId);
    if (!current) return; // never published here: nobody to tell (registration.cancelled tells participants)
    await this.sessions.setStatus(manager, tenantId, data.sessionId, 'cancelled', data.reason);
    afterCommit(manager, () => this.scheduler.dropSession(tenantId, data.sessionId));
  }

  async completed(manager: EntityManager, event: EventEnvelope<SessionCompletedV1>): Promise<void> {
    const { tenantId, data } = event;
    const current = await this.sessions.findForUpdate(manager, tenantId, data.sessionId);
    if (current && current.status === 'published') {
      await this.sessions.setStatus(manager, tenantId, data.sessionId, 'completed');
    }
  }

  /** catalog.activity.created / .updated: sessions show their activity's title and confidentiality. */
  async activity(manager: EntityManager, event: EventEnvelope<ActivityCreatedV1>): Promise<void> {
    const { tenantId, data } = event;
    await this.tenants.ensure(manager, tenantId);
    await this.sessions.saveActivity(
      manager,
      tenantId,
      {
        activityId: data.activityId,
        title: data.title,
        confidential: data.confidential,
        facilitatorId: data.facilitatorId,
      },
      new Date(event.occurredAt),
    );
  }
}
