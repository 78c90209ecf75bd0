import { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { SessionState } from '../../domain/session';
import { SessionRepository } from '../../infrastructure/session.repository';

/** Locks a session of the tenant for a change, or answers 404. */
export async function lockSession(
  sessions: SessionRepository,
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<SessionState> {
  const state = await sessions.lock(manager, tenantId, id);
  if (!state) throw new ResourceNotFoundError('session');
  return state;
}
