import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@respire/platform';
import { IdentityDatabase } from '../../../common/identity-database';
import {
  LastCoordinatorError,
  StaffNotFoundError,
  TenantNotFoundError,
} from '../../../common/identity-errors';
import { StaffMailer } from '../../../sign-in/mail/staff-mailer';
import { StaffSessionRepository } from '../../infrastructure/staff-sessions';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { StaffMember, StaffRole, wouldLeaveNoCoordinator } from '../../domain/staff-member';
import { StaffRepository } from '../../infrastructure/staff.repository';

export interface NewStaff {
  email: string;
  name: string;
  roles: StaffRole[];
  facilitatorId?: string | null;
}

export type StaffChanges = Partial<NewStaff>;

/** A CPTS's team: invite (with a mail saying where to sign in), change, remove, end sessions. */
@Injectable()
export class ManageStaffUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly staff: StaffRepository,
    private readonly tenants: TenantRepository,
    private readonly sessions: StaffSessionRepository,
    private readonly mailer: StaffMailer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(tenantId: string, input: NewStaff): Promise<StaffMember> {
    const now = this.clock.now();
    const member: StaffMember = {
      tenantId,
      id: uuidv7(),
      email: input.email,
      name: input.name,
      roles: input.roles,
      facilitatorId: input.facilitatorId ?? null,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    };
    const tenantName = await this.db.inTenant(tenantId, async (manager) => {
      const tenant = await this.tenants.find(manager, tenantId);
      if (!tenant) throw new TenantNotFoundError();
      await this.staff.insert(manager, member);
      return tenant.name;
    });
    this.mailer.invite(
      { to: member.email, name: member.name, fromName: tenantName ?? 'Respire', place: tenantName },
      'invitation',
    );
    return member;
  }

  list(tenantId: string): Promise<StaffMember[]> {
    return this.db.inTenant(tenantId, (manager) => this.staff.list(manager, tenantId));
  }

  get(tenantId: string, id: string): Promise<StaffMember> {
    return this.db.inTenant(tenantId, async (manager) => {
      const member = await this.staff.find(manager, tenantId, id);
      if (!member) throw new StaffNotFoundError();
      return member;
    });
  }

  update(tenantId: string, id: string, changes: StaffChanges): Promise<StaffMember> {
    return this.db.inTenant(tenantId, async (manager) => {
      const team = await this.staff.lockTeam(manager, tenantId);
      const member = team.find((candidate) => candidate.id === id);
      if (!member) throw new StaffNotFoundError();
      if (changes.roles && wouldLeaveNoCoordinator(team, id, changes.roles)) throw new LastCoordinatorError();
      const updated: StaffMember = {
        ...member,
        email: changes.email ?? member.email,
        name: changes.name ?? member.name,
        roles: changes.roles ?? member.roles,
        facilitatorId: changes.facilitatorId === undefined ? member.facilitatorId : changes.facilitatorId,
        updatedAt: this.clock.now(),
      };
      await this.staff.update(manager, updated);
      // New roles take effect at the next token: end the sessions so nobody keeps the old ones.
      if (changes.roles && changes.roles.join() !== member.roles.join()) {
        await this.sessions.endAllOf(manager, tenantId, id, this.clock.now());
      }
      return updated;
    });
  }

  /** Removes the account; its links and sessions go with it (ON DELETE CASCADE). */
  remove(tenantId: string, id: string): Promise<void> {
    return this.db.inTenant(tenantId, async (manager) => {
      const team = await this.staff.lockTeam(manager, tenantId);
      if (!team.some((member) => member.id === id)) throw new StaffNotFoundError();
      if (wouldLeaveNoCoordinator(team, id, null)) throw new LastCoordinatorError();
      await this.staff.delete(manager, tenantId, id);
    });
  }

  /** Signs someone out everywhere (a lost phone): their access tokens lapse within minutes. */
  endSessions(tenantId: string, id: string): Promise<number> {
    return this.db.inTenant(tenantId, async (manager) => {
      if (!(await this.staff.find(manager, tenantId, id))) throw new StaffNotFoundError();
      return this.sessions.endAllOf(manager, tenantId, id, this.clock.now());
    });
  }
}
