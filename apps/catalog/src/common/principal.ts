import { Principal, Role, tenantOf } from '@respire/tenancy';

/**
 * Who may see which sessions: coordinators see all of their tenant's, a facilitator only the
 * sessions they lead (a colleague's answers 404, like a missing one).
 */
export interface SessionViewer {
  tenantId: string;
  /** null: every session of the tenant; otherwise only this facilitator's. */
  onlyFacilitatorId: string | null;
}

export function sessionViewerOf(principal: Principal): SessionViewer {
  const tenantId = tenantOf(principal);
  if (principal.roles.includes(Role.Coordinator)) return { tenantId, onlyFacilitatorId: null };
  // A facilitator token without a facilitator id sees nothing: the nil id matches no row.
  return { tenantId, onlyFacilitatorId: principal.facilitatorId ?? '00000000-0000-0000-0000-000000000000' };
}
