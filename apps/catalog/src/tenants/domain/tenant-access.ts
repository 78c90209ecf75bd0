import { Principal, Role } from '@respire/tenancy';

/**
 * Which tenant record a caller may read or change: a platform admin any, a coordinator their
 * own. Anything else is answered as if the tenant did not exist.
 */
export function mayManageTenant(principal: Principal, tenantId: string): boolean {
  if (principal.roles.includes(Role.PlatformAdmin)) return true;
  return principal.roles.includes(Role.Coordinator) && principal.tenantId === tenantId;
}
