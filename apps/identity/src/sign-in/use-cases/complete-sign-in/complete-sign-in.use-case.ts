import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@respire/platform';
import { IdentityDatabase } from '../../../common/identity-database';
import { SignInLinkInvalidError } from '../../../common/identity-errors';
import { hashOf, looksLikeSecretToken, newSecretToken } from '../../../common/secret-token';
import { IDENTITY_CONFIG, IdentityEnv } from '../../../config/env.schema';
import { StaffSessionRepository } from '../../../auth-sessions/infrastructure/staff-session.repository';
import { StaffMember } from '../../../staff/domain/staff-member';
import { StaffRepository } from '../../../staff/infrastructure/staff.repository';
import { SignInLinkRepository } from '../../infrastructure/sign-in-link.repository';

export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  maxAgeSeconds: number;
  member: StaffMember;
}

/**
 * The page opened from the mail posts the link's secret: the link is used up (whatever happens
 * next) and a session opens. A used, expired or unknown link gets one and the same refusal.
 */
@Injectable()
export class CompleteSignInUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly links: SignInLinkRepository,
    private readonly staff: StaffRepository,
    private readonly sessions: StaffSessionRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(token: unknown, userAgent: string | null): Promise<OpenedSession> {
    if (!looksLikeSecretToken(token)) throw new SignInLinkInvalidError();
    const now = this.clock.now();
    const link = await this.db.beforeTenant((manager) => this.links.consume(manager, hashOf(token), now));
    if (!link) throw new SignInLinkInvalidError();
    return this.db.inTenant(link.tenantId, async (manager) => {
      const member = await this.staff.find(manager, link.tenantId, link.staffId);
      if (!member) throw new SignInLinkInvalidError();
      const sessionToken = newSecretToken();
      const csrfToken = newSecretToken();
      const maxAgeSeconds = this.config.IDENTITY_SESSION_TTL_HOURS * 3600;
      await this.sessions.insert(manager, {
        tenantId: link.tenantId,
        id: uuidv7(),
        staffId: member.id,
        tokenHash: hashOf(sessionToken),
        csrfHash: hashOf(csrfToken),
        userAgent: userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
        endedAt: null,
      });
      await this.staff.markSignedIn(manager, link.tenantId, member.id, now);
      return { sessionToken, csrfToken, maxAgeSeconds, member };
    });
  }
}
