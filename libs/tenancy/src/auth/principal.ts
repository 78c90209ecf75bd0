export enum Role {
  PlatformAdmin = 'platform-admin',
  Coordinator = 'coordinator',
  Facilitator = 'facilitator',
}

/** Who is calling, from a verified token. `tenantId` is null only for platform admins. */
export interface Principal {
  readonly subject: string;
  readonly tenantId: string | null;
  readonly roles: readonly Role[];
  /** Set for facilitators: the facilitator record they act as. */
  readonly facilitatorId: string | null;
}

export const ALL_ROLES: readonly Role[] = [Role.PlatformAdmin, Role.Coordinator, Role.Facilitator];
