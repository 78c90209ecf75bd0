import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { IdentityDatabase } from '../../../common/identity-database';
import { CsrfRejectedError, NotSignedInError } from '../../../common/identity-errors';
import { hashOf, looksLikeSecretToken, matchesHash } from '../../../common/secret-token';
import { AccessTokenIssuer } from '../../../keys/access-token.issuer';
import { StaffMember } from '../../../staff/domain/staff-member';
import { StaffRepository } from '../../../staff/infrastructure/staff.repository';
import { KnownTenant } from '../../../tenants/infrastructure/tenant.repository';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { StaffSession, StaffSessionRepository } from '../../infrastructure/staff-session.repository';

export interface PresentedSession {
  sessionToken: string | null;
  csrfToken: string | null;
}

export interface AccessGrant {
  accessToken: string;
  expiresAt: Date;
  member: StaffMember;
  tenant: KnownTenant | null;
}

/**
 * The SPA trades its session cookie (and the CSRF token it echoes) for a short-lived access
 * token; signing out ends the session. An ended, expired or unknown session, or a removed
 * account, answers "not signed in".
 */
@Injectable()
export class SessionTokenUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly sessions: StaffSessionRepository,
    private readonly staff: StaffRepository,
    private readonly tenants: TenantRepository,
    private readonly issuer: AccessTokenIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async accessToken(presented: PresentedSession): Promise<AccessGrant> {
    return this.withSession(presented, async (manager, session) => {
      const member = await this.staff.find(manager, session.tenantId, session.staffId);
      if (!member) throw new NotSignedInError();
      await this.sessions.touch(manager, session.tenantId, session.id, this.clock.now());
      const tenant = await this.tenants.find(manager, session.tenantId);
      const { token, expiresAt } = await this.issuer.issue({
        staffId: member.id,
        tenantId: member.tenantId,
        roles: member.roles,
        facilitatorId: member.facilitatorId,
      });
      return { accessToken: token, expiresAt, member, tenant };
    });
  }

  async signOut(presented: PresentedSession): Promise<void> {
    await this.withSession(presented, (manager, session) => this.sessions.end(manager, session.tenantId, session.id, this.clock.now()));
  }

  private async withSession<T>(
    { sessionToken, csrfToken }: PresentedSession,
    work: (manager: Parameters<Parameters<IdentityDatabase['inTenant']>[1]>[0], session: StaffSession) => Promise<T>,
  ): Promise<T> {
    if (!looksLikeSecretToken(sessionToken)) throw new NotSignedInError();
    const tokenHash = hashOf(sessionToken);
    const tenantId = await this.db.beforeTenant((manager) => this.sessions.tenantOf(manager, tokenHash));
    if (!tenantId) throw new NotSignedInError();
    return this.db.inTenant(tenantId, async (manager) => {
      const session = await this.sessions.findByHash(manager, tenantId, tokenHash);
      if (!session || session.endedAt || session.expiresAt <= this.clock.now()) throw new NotSignedInError();
      if (!csrfToken || !matchesHash(csrfToken, session.csrfHash)) throw new CsrfRejectedError();
      return work(manager, session);
    });
  }
}
