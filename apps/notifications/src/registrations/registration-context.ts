import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { EntityManager, QueryRunner } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { mergeSnapshot, SessionCopy, SessionSnapshot } from '../sessions/domain/session-copy';
import { SessionRepository } from '../sessions/infrastructure/session.repository';
import { TenantSettings } from '../tenants/domain/tenant-settings';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';

/** What a transaction already loaded: a consumer's batch of events on one session reads it once. */
interface Loaded {
  tenants: Map<string, TenantSettings>;
  /** Sessions locked by this transaction, as stored: nobody else can change them until it ends. */
  sessions: Map<string, SessionCopy>;
}

/**
 * What every registration event handler starts from: the tenant's settings and the session,
 * locked, merged with the event's snapshot under the contract's sequence rule, and whether the
 * session is already over (then the participant is not written to about it).
 */
@Injectable()
export class RegistrationContext {
  private readonly loaded = new WeakMap<QueryRunner, Loaded>();

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
    const loaded = this.loadedIn(manager);
    let tenant = loaded?.tenants.get(tenantId);
    if (!tenant) {
      await this.tenants.ensure(manager, tenantId);
      tenant = await this.tenants.settings(manager, tenantId);
      loaded?.tenants.set(tenantId, tenant);
    }
    const key = `${tenantId}/${sessionId}`;
    const current =
      loaded?.sessions.get(key) ?? (await this.sessions.findForUpdate(manager, tenantId, sessionId));
    const { session, timesChanged } = mergeSnapshot(current, tenantId, sessionId, snapshot);
    if (session !== current) {
      await this.sessions.save(manager, session);
      // Read again as stored (columns the copy does not set) by the next event that needs it.
      loaded?.sessions.delete(key);
    } else if (current) loaded?.sessions.set(key, current);
    if (timesChanged && current) {
      // Ahead of catalog.session.rescheduled: the other participants' reminders follow now.
      afterCommit(manager, () => this.scheduler.syncSession(tenantId, sessionId, current.startsAt));
    }
    // A message about a session that is already over helps nobody (a late event, demo history).
    return { tenant, session, over: session.endsAt.getTime() <= this.clock.now().getTime() };
  }

  /** This transaction's memo (none outside a transaction: each call reads afresh). */
  private loadedIn(manager: EntityManager): Loaded | undefined {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return undefined;
    let loaded = this.loaded.get(runner);
    if (!loaded) {
      this.loaded.set(runner, (loaded = { tenants: new Map(), sessions: new Map() }));
      // The locks end with the transaction: a runner used again starts afresh.
      afterCommit(manager, () => this.loaded.delete(runner));
    }
    return loaded;
  }
}
