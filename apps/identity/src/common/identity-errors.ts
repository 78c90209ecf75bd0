import { DomainError } from '@respire/platform';

export class StaffNotFoundError extends DomainError {
  constructor() {
    super('staff_not_found', 'Membre de l’équipe introuvable', 404);
  }
}

/** The tenant is unknown to identity: missing, or its creation has not reached this service yet. */
export class TenantNotFoundError extends DomainError {
  constructor() {
    super(
      'tenant_not_found',
      'CPTS introuvable. Si elle vient d’être créée, réessayez dans quelques secondes.',
      404,
    );
  }
}

export class StaffEmailTakenError extends DomainError {
  constructor() {
    super('staff_email_taken', 'Une personne de l’équipe utilise déjà cette adresse', 409);
  }
}

/** Used, expired or never issued: the same answer, so nobody learns which. */
export class SignInLinkInvalidError extends DomainError {
  constructor() {
    super(
      'sign_in_link_invalid',
      'Ce lien de connexion n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.',
      410,
    );
  }
}

export class NotSignedInError extends DomainError {
  constructor() {
    // 403 rather than 401: the SPA shows the sign-in page, no browser prompt.
    super(
      'not_signed_in',
      'Vous n’êtes pas connecté(e), ou votre session a pris fin. Reconnectez-vous.',
      403,
    );
  }
}

export class CsrfRejectedError extends DomainError {
  constructor() {
    super('csrf_rejected', 'Requête refusée : rechargez la page puis réessayez.', 403);
  }
}

export class LastCoordinatorError extends DomainError {
  constructor() {
    super(
      'last_coordinator',
      'Il doit rester au moins une coordinatrice ou un coordinateur dans l’équipe.',
      409,
    );
  }
}

export class FunderNotFoundError extends DomainError {
  constructor() {
    super('funder_not_found', 'Compte financeur introuvable', 404);
  }
}

export class RegionNotFoundError extends DomainError {
  constructor() {
    super(
      'region_not_found',
      'Région inconnue : utilisez le code d’une région (par exemple bourgogne-franche-comte)',
      404,
    );
  }
}

export class FunderEmailTakenError extends DomainError {
  constructor() {
    super('funder_email_taken', 'Un compte financeur de cette région utilise déjà cette adresse', 409);
  }
}
