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
