import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountPlace, AccountRowsRealm, SignInAccount } from '../common/account-realm';
import { IdentityDatabase } from '../common/identity-database';
import { TenantRepository } from '../tenants/infrastructure/tenant.repository';
import { StaffMember } from './domain/staff-member';
import { StaffRepository } from './infrastructure/staff.repository';
import { StaffSessionRepository, StaffSignInLinkRepository } from './infrastructure/staff-sessions';

export const staffAccount = (member: StaffMember): SignInAccount => ({
  kind: 'staff',
  id: member.id,
  email: member.email,
  name: member.name,
  roles: member.roles,
  tenantId: member.tenantId,
  facilitatorId: member.facilitatorId,
  region: null,
});

/** Coordinators and facilitators of a CPTS: the scope is the tenant id. */
@Injectable()
export class StaffRealm extends AccountRowsRealm<StaffMember> {
  constructor(
    private readonly db: IdentityDatabase,
    staff: StaffRepository,
    private readonly tenants: TenantRepository,
    links: StaffSignInLinkRepository,
    sessions: StaffSessionRepository,
  ) {
    super(staff, links, sessions);
  }

  protected signInAccount(member: StaffMember): SignInAccount {
    return staffAccount(member);
  }

  inScope<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.inTenant(tenantId, work);
  }

  async place(manager: EntityManager, tenantId: string): Promise<AccountPlace | null> {
    const tenant = await this.tenants.find(manager, tenantId);
    return tenant ? { name: tenant.name, slug: tenant.slug } : null;
  }
}
