import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { Session } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { sessionCancelled } from '../shared/session-events';
import { lockSession } from '../shared/session-access';

/**
 * Cancels a session. A published one publishes catalog.session.cancelled (the registration
 * service then cancels its registrations and participants are told); a draft is just dropped.
 * Cancelling a cancelled session changes nothing; a completed one cannot be cancelled (409).
 */
@Injectable()
export class CancelSessionUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, sessionId: string, reason: string | null): Promise<SessionView> {
    return this.db.inTenant(tenantId, async (manager) => {
      const state = await lockSession(this.sessions, manager, tenantId, sessionId);
      const now = this.clock.now();
      const outcome = new Session(state).cancel(reason, now);
      if (outcome !== 'unchanged') await this.sessions.save(manager, state, now);
      if (outcome === 'cancelled')
        await this.outbox.add(manager, sessionCancelled(tenantId, sessionId, reason));
      return (await this.sessions.views(manager, tenantId, [sessionId]))[0];
    });
  }
}
