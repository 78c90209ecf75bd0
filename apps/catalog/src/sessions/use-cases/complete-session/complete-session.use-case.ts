import { Injectable } from '@nestjs/common';
import { Session } from '../../domain/session';
import { SessionView } from '../../infrastructure/session.repository';
import { sessionCompleted } from '../shared/session-events';
import { SessionChanges } from '../shared/session-changes';

/**
 * Marks a published session that has ended as held (catalog.session.completed). The completion
 * job does the same for every such session; a coordinator may do it sooner for one.
 */
@Injectable()
export class CompleteSessionUseCase {
  constructor(private readonly changes: SessionChanges) {}

  execute(tenantId: string, sessionId: string): Promise<SessionView> {
    return this.changes.change(tenantId, sessionId, ({ state, now }) =>
      new Session(state).complete(now) === 'completed'
        ? { events: () => [sessionCompleted(tenantId, sessionId, now)] }
        : 'unchanged',
    );
  }
}
