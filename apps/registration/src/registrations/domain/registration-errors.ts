import { DomainError, fixedDomainError } from '@respire/platform';

/*
 * What the registration domain refuses, with the French message participants and coordinators
 * read. The HTTP filter turns each into {error: code, message} with its status.
 */

export class TenantNotFoundError extends fixedDomainError(
  'tenant_not_found',
  'Cette CPTS est inconnue.',
  404,
) {}

export class SessionNotFoundError extends fixedDomainError(
  'session_not_found',
  'Cette séance est introuvable.',
  404,
) {}

export class RegistrationNotFoundError extends fixedDomainError(
  'registration_not_found',
  'Cette inscription est introuvable.',
  404,
) {}

export class SessionCancelledError extends fixedDomainError(
  'session_cancelled',
  'Cette séance a été annulée : il n’est plus possible de s’y inscrire.',
  409,
) {}

export class SessionAlreadyStartedError extends fixedDomainError(
  'session_past',
  'Cette séance a déjà commencé ou est terminée : il n’est plus possible de s’y inscrire.',
  409,
) {}

export class RegistrationNotOpenError extends DomainError {
  constructor(opensAtLocal: string) {
    super('registration_not_open', `Les inscriptions à cette séance ouvriront le ${opensAtLocal}.`, 409, {
      opensAt: opensAtLocal,
    });
  }
}

export class RegistrationClosedError extends DomainError {
  constructor(closedAtLocal: string) {
    super(
      'registration_closed',
      `Les inscriptions à cette séance sont closes depuis le ${closedAtLocal}.`,
      409,
    );
  }
}

export class ProfessionNotEligibleError extends DomainError {
  constructor(eligibleLabels: string[]) {
    super(
      'profession_not_eligible',
      `Cette séance est réservée aux professions suivantes : ${eligibleLabels.join(', ')}.`,
      403,
    );
  }
}

export class AlreadyRegisteredError extends fixedDomainError(
  'already_registered',
  'Vous êtes déjà inscrit(e) à cette séance, ou sur sa liste d’attente, avec cette adresse e-mail.',
  409,
) {}

export class IdempotencyKeyReusedError extends fixedDomainError(
  'idempotency_key_reused',
  'Cette clé Idempotency-Key a déjà servi pour une demande différente : utilisez une nouvelle clé.',
  422,
) {}

export class InvalidTransitionError extends DomainError {
  constructor(message: string, code = 'invalid_status') {
    super(code, message, 409);
  }
}

export class AttendanceTooEarlyError extends fixedDomainError(
  'attendance_too_early',
  'La présence ne peut être relevée qu’à partir d’une heure avant le début de la séance.',
  409,
) {}

export class NotYourSessionError extends fixedDomainError(
  'not_your_session',
  'Vous n’animez pas cette séance : seule sa liste vous est accessible.',
  403,
) {}

export class TargetSessionFullError extends fixedDomainError(
  'target_session_full',
  'La séance de destination est complète : le déplacement n’a pas été fait (demandez l’inscription sur liste d’attente).',
  409,
) {}

/* Participant links. */

export class InvalidLinkError extends fixedDomainError(
  'invalid_link',
  'Ce lien n’est pas valide. Utilisez le lien reçu par e-mail, sans le modifier.',
  403,
) {}

export class LinkForAnotherRegistrationError extends fixedDomainError(
  'link_mismatch',
  'Ce lien ne correspond pas à cette inscription.',
  403,
) {}

/** 410 `link_expired`: the link's time is over (see links/link-expiry.ts for each action's). */
export class LinkExpiredError extends DomainError {
  constructor(message: string) {
    super('link_expired', message, 410);
  }
}

export class LinkNoLongerValidError extends DomainError {
  constructor(message: string, code = 'link_used') {
    super(code, message, 410);
  }
}

export class FeedbackNotYetPossibleError extends fixedDomainError(
  'feedback_not_possible',
  'Vous pourrez donner votre avis une fois votre présence à la séance enregistrée.',
  409,
) {}
