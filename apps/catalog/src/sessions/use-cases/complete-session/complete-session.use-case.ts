import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { Session } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { sessionCompleted } from '../shared/session-events';
import { lockSession } from '../shared/session-access';

/**
 * Marks a published session that has ended as held (catalog.session.completed). The completion
 * job does the same for every such session; a coordinator may do it sooner for one.
 */
@Injectable()
export class CompleteSessionUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, sessionId: string): Promise<SessionView> {
    return this.db.inTenant(tenantId, async (manager) => {
      const state = await lockSession(this.sessions, manager, tenantId, sessionId);
      const now = this.clock.now();
      if (new Session(state).complete(now) === 'completed') {
        await this.sessions.save(manager, state, now);
        await this.outbox.add(manager, sessionCompleted(tenantId, sessionId, now));
      }
      return (await this.sessions.views(manager, tenantId, [sessionId]))[0];
    });
  }
}
