import { fixedDomainError } from '@respire/platform';

export class StaffNotFoundError extends fixedDomainError(
  'staff_not_found',
  'Membre de l’équipe introuvable',
  404,
) {}

/** The tenant is unknown to identity: missing, or its creation has not reached this service yet. */
export class TenantNotFoundError extends fixedDomainError(
  'tenant_not_found',
  'CPTS introuvable. Si elle vient d’être créée, réessayez dans quelques secondes.',
  404,
) {}

export class StaffEmailTakenError extends fixedDomainError(
  'staff_email_taken',
  'Une personne de l’équipe utilise déjà cette adresse',
  409,
) {}

/** Used, expired or never issued: the same answer, so nobody learns which. */
export class SignInLinkInvalidError extends fixedDomainError(
  'sign_in_link_invalid',
  'Ce lien de connexion n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.',
  410,
) {}

// 403 rather than 401: the SPA shows the sign-in page, no browser prompt.
export class NotSignedInError extends fixedDomainError(
  'not_signed_in',
  'Vous n’êtes pas connecté(e), ou votre session a pris fin. Reconnectez-vous.',
  403,
) {}

export class CsrfRejectedError extends fixedDomainError(
  'csrf_rejected',
  'Requête refusée : rechargez la page puis réessayez.',
  403,
) {}

export class LastCoordinatorError extends fixedDomainError(
  'last_coordinator',
  'Il doit rester au moins une coordinatrice ou un coordinateur dans l’équipe.',
  409,
) {}

export class FunderNotFoundError extends fixedDomainError(
  'funder_not_found',
  'Compte financeur introuvable',
  404,
) {}

export class RegionNotFoundError extends fixedDomainError(
  'region_not_found',
  'Région inconnue : utilisez le code d’une région (par exemple bourgogne-franche-comte)',
  404,
) {}

export class FunderEmailTakenError extends fixedDomainError(
  'funder_email_taken',
  'Un compte financeur de cette région utilise déjà cette adresse',
  409,
) {}
