import { DomainError } from '@respire/platform';
import {
  PRACTICE_MODE_NAMES,
  PracticeMode,
  practiceModeAudience,
  practiceModeEligible,
} from '@respire/contracts';
import { SessionCopy } from '../../sessions/domain/session-copy';

export class PracticeModeNotEligibleError extends DomainError {
  constructor(rule: string, yours: string) {
    super(
      'practice_mode_not_eligible',
      `Cette séance n’est pas ouverte à votre mode d’exercice (${yours.toLowerCase()}) : ${rule}.`,
      403,
      { rule },
    );
  }
}

/** Refuses a public registration from a practice mode the session is not for (« libéraux uniquement »). */
export function assertPracticeModeEligible(
  session: Pick<SessionCopy, 'eligiblePracticeModes'>,
  mode: PracticeMode,
): void {
  if (practiceModeEligible(session.eligiblePracticeModes, mode)) return;
  throw new PracticeModeNotEligibleError(
    practiceModeAudience(session.eligiblePracticeModes)!,
    PRACTICE_MODE_NAMES[mode],
  );
}
