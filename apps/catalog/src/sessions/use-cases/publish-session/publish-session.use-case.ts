import { Injectable } from '@nestjs/common';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { liveReference } from '../../../common/references';
import { Session } from '../../domain/session';
import { SessionView } from '../../infrastructure/session.repository';
import { sessionPublished } from '../shared/session-events';
import { SessionChanges } from '../shared/session-changes';
import { tenantZone } from '../shared/tenant-zone';

/**
 * Opens a draft to registration and to the public programme: catalog.session.published, once.
 * Publishing a published session answers it unchanged and publishes nothing.
 */
@Injectable()
export class PublishSessionUseCase {
  constructor(private readonly changes: SessionChanges) {}

  execute(tenantId: string, sessionId: string): Promise<SessionView> {
    return this.changes.change(tenantId, sessionId, async ({ manager, state, now }) => {
      if (new Session(state).publish(now) === 'unchanged') return 'unchanged';
      // What was live when the draft was made may have been archived since.
      const problems = new FieldProblems();
      await liveReference(manager, 'activity', tenantId, state.activityId, problems, ['activityId']);
      await liveReference(manager, 'venue', tenantId, state.venueId, problems, ['venueId']);
      problems.throwIfAny();
      return { events: async (after) => [sessionPublished(after, await tenantZone(manager, tenantId))] };
    });
  }
}
