import { DomainError } from '@respire/platform';

export enum Role {
  PlatformAdmin = 'platform-admin',
  Coordinator = 'coordinator',
  Facilitator = 'facilitator',
  /** An ARS: reads the summaries and survey results of the CPTS of one region, never a tenant's own data. */
  Funder = 'funder',
}

/** Who is calling, from a verified token. `tenantId` is null only for platform admins and funders. */
export interface Principal {
  readonly subject: string;
  readonly tenantId: string | null;
  readonly roles: readonly Role[];
  /** Set for facilitators: the facilitator record they act as. */
  readonly facilitatorId: string | null;
  /** Set for funders (and only them): the region whose CPTS they may read. */
  readonly region: string | null;
}

export const ALL_ROLES: readonly Role[] = [
  Role.PlatformAdmin,
  Role.Coordinator,
  Role.Facilitator,
  Role.Funder,
];

/** The token's tenant is unusable here (a platform admin token without a tenant on a tenant route). */
export class TenantRequiredError extends DomainError {
  constructor() {
    super(
      'tenant_required',
      'Cette action se fait au nom d’une CPTS : utilisez un jeton qui en porte une',
      403,
    );
  }
}

/** The tenant a back-office request acts in: always the token's, never the URL's or body's. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new TenantRequiredError();
  return principal.tenantId;
}
