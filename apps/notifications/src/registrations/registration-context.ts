import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { mergeSnapshot, SessionCopy, SessionSnapshot } from '../sessions/domain/session-copy';
import { SessionRepository } from '../sessions/infrastructure/session.repository';
import { TenantSettings } from '../tenants/domain/tenant-settings';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';

/**
 * What every registration event handler starts from: the tenant's settings and the session,
 * locked, merged with the event's snapshot under the contract's sequence rule, and whether the
 * session is already over (then the participant is not written to about it).
 */
@Injectable()
export class RegistrationContext {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly scheduler: ReminderScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** For a registration event: the session it is about, and the snapshot of it that it carries. */
  async load(
    manager: EntityManager,
    event: EventEnvelope<{ sessionId: string; session: SessionSnapshot }>,
  ): Promise<{ tenant: TenantSettings; session: SessionCopy; over: boolean }> {
    const { tenantId } = event;
    const { sessionId, session: snapshot } = event.data;
    await this.tenants.ensure(manager, tenantId);
    const tenant = await this.tenants.settings(manager, tenantId);
    const current = await this.sessions.findForUpdate(manager, tenantId, sessionId);
    const { session, timesChanged } = mergeSnapshot(current, tenantId, sessionId, snapshot);
    if (session !== current) await this.sessions.save(manager, session);
    if (timesChanged && current) {
      // Ahead of catalog.session.rescheduled: the other participants' reminders follow now.
      afterCommit(manager, () => this.scheduler.syncSession(tenantId, sessionId, current.startsAt));
    }
    // A message about a session that is already over helps nobody (a late event, demo history).
    return { tenant, session, over: session.endsAt.getTime() <= this.clock.now().getTime() };
  }
}
