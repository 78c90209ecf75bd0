import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { SessionState } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';

/** A session of the tenant, locked for a change in the tenant's transaction. */
export interface LockedSessionChange {
  readonly manager: EntityManager;
  readonly tenantId: string;
  readonly state: SessionState;
  readonly now: Date;
  /** The session's view as it stands now (before the change is saved). */
  view(): Promise<SessionView>;
}

/**
 * What a change did: 'unchanged' saves and publishes nothing; otherwise the session is saved,
 * then the events are built from its view as saved and go through the outbox with it.
 */
export type SessionChangeOutcome =
  'unchanged' | { events: (after: SessionView) => EventEnvelope[] | Promise<EventEnvelope[]> };

/**
 * The steps every change of one session takes: lock it (or 404), change it, save it, publish
 * what the change says — in one tenant transaction — and answer the session as it then stands.
 */
@Injectable()
export class SessionChanges {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  change(
    tenantId: string,
    sessionId: string,
    work: (locked: LockedSessionChange) => Promise<SessionChangeOutcome> | SessionChangeOutcome,
  ): Promise<SessionView> {
    return this.db.inTenant(tenantId, async (manager) => {
      const state = await this.sessions.lock(manager, tenantId, sessionId);
      if (!state) throw new ResourceNotFoundError('session');
      const now = this.clock.now();
      const view = async () => (await this.sessions.views(manager, tenantId, [sessionId]))[0];
      const outcome = await work({ manager, tenantId, state, now, view });
      if (outcome === 'unchanged') return view();
      await this.sessions.save(manager, state, now);
      const after = await view();
      await this.outbox.addAll(manager, await outcome.events(after));
      return after;
    });
  }
}
