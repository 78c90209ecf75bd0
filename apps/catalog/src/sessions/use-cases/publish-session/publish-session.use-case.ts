import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { liveReference } from '../../../common/references';
import { Session } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { sessionPublished } from '../shared/session-events';
import { lockSession } from '../shared/session-access';
import { tenantZone } from '../shared/tenant-zone';

/**
 * Opens a draft to registration and to the public programme: catalog.session.published, once.
 * Publishing a published session answers it unchanged and publishes nothing.
 */
@Injectable()
export class PublishSessionUseCase {
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
      const outcome = new Session(state).publish(now);
      if (outcome === 'published') {
        // What was live when the draft was made may have been archived since.
        const problems = new FieldProblems();
        await liveReference(manager, 'activity', tenantId, state.activityId, problems, ['activityId']);
        await liveReference(manager, 'venue', tenantId, state.venueId, problems, ['venueId']);
        problems.throwIfAny();
        await this.sessions.save(manager, state, now);
      }
      const view = (await this.sessions.views(manager, tenantId, [sessionId]))[0];
      if (outcome === 'published')
        await this.outbox.add(manager, sessionPublished(view, await tenantZone(manager, tenantId)));
      return view;
    });
  }
}
