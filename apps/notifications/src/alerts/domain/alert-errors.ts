import { fixedDomainError } from '@respire/platform';

export class AlertLinkInvalidError extends fixedDomainError(
  'alert-link-invalid',
  'Ce lien n’est pas valide. Utilisez le lien de votre dernier message, sans le modifier.',
  403,
) {}

export class AlertLinkExpiredError extends fixedDomainError(
  'alert-link-expired',
  'Ce lien a expiré. Demandez une nouvelle alerte depuis le programme.',
  410,
) {}

export class AlertTenantNotFoundError extends fixedDomainError(
  'tenant-not-found',
  'CPTS introuvable.',
  404,
) {}
