import { createHash } from 'node:crypto';
import { PracticeMode, Profession } from '@respire/contracts';
import { ParticipantDetails } from '../../infrastructure/participant.repository';

export interface RegisterParticipantCommand {
  /** Public route: the tenant is found by slug. Coordinator route: from the token. */
  tenant: { slug: string } | { tenantId: string };
  sessionId: string;
  participant: ParticipantDetails & { profession: Profession; practiceMode: PracticeMode };
  /** `public`: window and eligibility apply. `coordinator`: a coordinator registers someone. */
  origin: 'public' | 'coordinator';
  idempotencyKey: string | null;
  correlationId?: string;
}

/** What a retried request must match to get the first answer: the session and the normalised form. */
export function requestHash(command: RegisterParticipantCommand): string {
  const { participant } = command;
  const canonical = JSON.stringify([
    command.sessionId.toLowerCase(),
    command.origin,
    participant.email,
    participant.firstName,
    participant.lastName,
    participant.profession,
    participant.practiceMode,
    participant.postcode,
    participant.rpps,
    Object.keys(participant.consents)
      .sort()
      .map((key) => [key, participant.consents[key]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
