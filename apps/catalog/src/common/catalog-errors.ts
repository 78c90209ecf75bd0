import { DomainError } from '@respire/platform';

export type ResourceKind = 'tenant' | 'programme' | 'activity' | 'venue' | 'facilitator' | 'session';

const MESSAGES: Record<ResourceKind, string> = {
  tenant: 'CPTS introuvable',
  programme: 'Programme introuvable',
  activity: 'Activité introuvable',
  venue: 'Lieu introuvable',
  facilitator: 'Intervenant introuvable',
  session: 'Séance introuvable',
};

/** Missing, or another tenant's (the answer is the same: nobody learns what exists elsewhere). */
export class ResourceNotFoundError extends DomainError {
  constructor(kind: ResourceKind) {
    super(`${kind}_not_found`, MESSAGES[kind], 404);
  }
}

/** A write that conflicts with what is stored (a duplicate, a state that forbids it). */
export class CatalogConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}
