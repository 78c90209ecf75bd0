import { DomainError } from '@respire/platform';

export type ResourceKind = 'tenant' | 'programme' | 'activity' | 'venue' | 'facilitator' | 'session';

const LABELS: Record<ResourceKind, string> = {
  tenant: 'Tenant',
  programme: 'Programme',
  activity: 'Activity',
  venue: 'Venue',
  facilitator: 'Facilitator',
  session: 'Session',
};

/** Missing, or another tenant's (the answer is the same: nobody learns what exists elsewhere). */
export class ResourceNotFoundError extends DomainError {
  constructor(kind: ResourceKind) {
    super(`${kind}_not_found`, `${LABELS[kind]} not found`, 404);
  }
}

/** A write that conflicts with what is stored (a duplicate, a state that forbids it). */
export class CatalogConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}

/** The token's tenant is unusable here (a platform admin token without a tenant on a tenant route). */
export class TenantRequiredError extends DomainError {
  constructor() {
    super('tenant_required', 'This route acts within a tenant: use a token that carries one', 403);
  }
}
