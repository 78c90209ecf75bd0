import { DomainError } from '@respire/platform';

export class AlertLinkInvalidError extends DomainError {
  constructor() {
    super(
      'alert-link-invalid',
      'Ce lien n’est pas valide. Utilisez le lien de votre dernier message, sans le modifier.',
      403,
    );
  }
}

export class AlertLinkExpiredError extends DomainError {
  constructor() {
    super('alert-link-expired', 'Ce lien a expiré. Demandez une nouvelle alerte depuis le programme.', 410);
  }
}

export class AlertTenantNotFoundError extends DomainError {
  constructor() {
    super('tenant-not-found', 'CPTS introuvable.', 404);
  }
}
