import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { IdentityDatabase } from '../../../common/identity-database';
import { hashOf, newSecretToken } from '../../../common/secret-token';
import { IDENTITY_CONFIG, IdentityEnv } from '../../../config/env.schema';
import { StaffRepository } from '../../../staff/infrastructure/staff.repository';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { composeSignInMail, signInLink } from '../../domain/sign-in-mail';
import { SignInLinkRepository } from '../../infrastructure/sign-in-link.repository';
import { StaffMail, StaffMailer } from '../../mail/staff-mailer';

const RATE_WINDOW_MS = 15 * 60_000;

/**
 * Someone typed their address on the sign-in page. Each account of that address (one per CPTS)
 * gets a single-use link valid IDENTITY_SIGN_IN_LINK_TTL_MINUTES, unless it was sent
 * IDENTITY_LINKS_PER_ACCOUNT links in the last 15 minutes. The caller learns nothing: the answer
 * is the same, and the mail leaves after the answer.
 */
@Injectable()
export class RequestSignInUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly staff: StaffRepository,
    private readonly tenants: TenantRepository,
    private readonly links: SignInLinkRepository,
    private readonly mailer: StaffMailer,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(email: string): Promise<void> {
    const accounts = await this.db.beforeTenant((manager) => this.staff.accountsByEmail(manager, email));
    const mails: StaffMail[] = [];
    for (const account of accounts) {
      const mail = await this.db.inTenant(account.tenantId, async (manager) => {
        const now = this.clock.now();
        const recent = await this.links.countSince(manager, account.tenantId, account.staffId, new Date(now.getTime() - RATE_WINDOW_MS));
        if (recent >= this.config.IDENTITY_LINKS_PER_ACCOUNT) return null;
        const member = await this.staff.find(manager, account.tenantId, account.staffId);
        if (!member) return null;
        const token = newSecretToken();
        const minutes = this.config.IDENTITY_SIGN_IN_LINK_TTL_MINUTES;
        await this.links.deleteExpired(manager, account.tenantId, now);
        await this.links.insert(manager, {
          tenantId: account.tenantId,
          staffId: account.staffId,
          tokenHash: hashOf(token),
          createdAt: now,
          expiresAt: new Date(now.getTime() + minutes * 60_000),
        });
        const tenant = await this.tenants.find(manager, account.tenantId);
        const composed = composeSignInMail({
          tenantName: tenant?.name ?? null,
          staffName: member.name,
          link: signInLink(this.config.IDENTITY_PUBLIC_BASE_URL, token),
          validMinutes: minutes,
        });
        return { to: member.email, fromName: tenant?.name ?? 'Respire', ...composed };
      });
      if (mail) mails.push(mail);
    }
    for (const mail of mails) this.mailer.sendInBackground(mail, 'sign-in link');
  }
}
