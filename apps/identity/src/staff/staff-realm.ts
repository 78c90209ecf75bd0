import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountPlace, AccountRealm, SignInAccount } from '../common/account-realm';
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
export class StaffRealm implements AccountRealm {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly staff: StaffRepository,
    private readonly tenants: TenantRepository,
    readonly links: StaffSignInLinkRepository,
    readonly sessions: StaffSessionRepository,
  ) {}

  inScope<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.inTenant(tenantId, work);
  }

  accountsByEmail(manager: EntityManager, email: string): Promise<{ scope: string; accountId: string }[]> {
    return this.staff.accountsByEmail(manager, email);
  }

  async find(manager: EntityManager, tenantId: string, id: string): Promise<SignInAccount | null> {
    const member = await this.staff.find(manager, tenantId, id);
    return member ? staffAccount(member) : null;
  }

  markSignedIn(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    return this.staff.markSignedIn(manager, tenantId, id, at);
  }

  async place(manager: EntityManager, tenantId: string): Promise<AccountPlace | null> {
    const tenant = await this.tenants.find(manager, tenantId);
    return tenant ? { name: tenant.name, slug: tenant.slug } : null;
  }
}
