import { DomainError, fixedDomainError } from '@respire/platform';

export class ParticipantNotFoundError extends fixedDomainError(
  'participant_not_found',
  'Aucune personne ne correspond à cet identifiant.',
  404,
) {}

/** Erasing someone who is still expected somewhere would leave a seat held by nobody: cancel first. */
export class ErasureBlockedByUpcomingError extends DomainError {
  constructor(upcoming: number) {
    const many = upcoming > 1;
    super(
      'upcoming_registrations',
      `Cette personne a ${upcoming} inscription${many ? 's' : ''} à venir : annulez-la${many ? 's' : ''} d’abord, puis effacez ses données.`,
      409,
      { upcoming },
    );
  }
}
