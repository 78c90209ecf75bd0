import { DomainError, fixedDomainError } from '@respire/platform';

/** A preferences link that was not signed by this service (or was altered). */
export class InvalidPreferenceLinkError extends DomainError {
  constructor() {
    super(
      'preferences-link-invalid',
      "Ce lien n'est pas valide. Utilisez le lien reçu dans votre dernier message.",
      404,
    );
  }
}

/** A preferences link past its expiry (a year after the message that carried it). */
export class ExpiredPreferenceLinkError extends fixedDomainError(
  'preferences-link-expired',
  'Ce lien a expiré. Utilisez le lien de votre dernier message, ou contactez votre CPTS.',
  410,
) {}
