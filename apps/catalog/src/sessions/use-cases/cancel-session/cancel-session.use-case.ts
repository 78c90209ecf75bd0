import { Injectable } from '@nestjs/common';
import { Session } from '../../domain/session';
import { SessionView } from '../../infrastructure/session.repository';
import { sessionCancelled } from '../shared/session-events';
import { SessionChanges } from '../shared/session-changes';

/**
 * Cancels a session. A published one publishes catalog.session.cancelled (the registration
 * service then cancels its registrations and participants are told); a draft is just dropped.
 * Cancelling a cancelled session changes nothing; a completed one cannot be cancelled (409).
 */
@Injectable()
export class CancelSessionUseCase {
  constructor(private readonly changes: SessionChanges) {}

  execute(tenantId: string, sessionId: string, reason: string | null): Promise<SessionView> {
    return this.changes.change(tenantId, sessionId, ({ state, now }) => {
      const outcome = new Session(state).cancel(reason, now);
      if (outcome === 'unchanged') return 'unchanged';
      return {
        events: () => (outcome === 'cancelled' ? [sessionCancelled(tenantId, sessionId, reason)] : []),
      };
    });
  }
}
