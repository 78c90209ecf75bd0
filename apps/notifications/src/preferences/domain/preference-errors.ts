import { DomainError } from '@respire/platform';

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
