import { unwrap } from '../../../api/api-error';
import { registrationApi } from '../../../api/client';

/**
 * Erases a participant's personal data on their behalf (GDPR art. 17); every service removes its
 * copy. Idempotent; refused (409, in French) while they hold a place in a session to come.
 */
export function eraseParticipant(participantId: string) {
  return unwrap(
    registrationApi.POST('/v1/participants/{id}/erase', { params: { path: { id: participantId } } }),
  );
}
