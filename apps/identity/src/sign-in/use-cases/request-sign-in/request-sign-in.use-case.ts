import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { ACCOUNT_REALMS, AccountRealm } from '../../../common/account-realm';
import { IdentityDatabase } from '../../../common/identity-database';
import { hashOf, newSecretToken } from '../../../common/secret-token';
import { IDENTITY_CONFIG, IdentityEnv } from '../../../config/env.schema';
import { composeSignInMail, signInLink } from '../../domain/sign-in-mail';
import { StaffMail, StaffMailer } from '../../mail/staff-mailer';

const RATE_WINDOW_MS = 15 * 60_000;

/**
 * Someone typed their address on the sign-in page. Each account of that address (one per CPTS,
 * one per region for a funder) gets a single-use link valid IDENTITY_SIGN_IN_LINK_TTL_MINUTES,
 * unless it was sent IDENTITY_LINKS_PER_ACCOUNT links in the last 15 minutes. The caller learns
 * nothing: the answer is the same, and the mail leaves after the answer.
 */
@Injectable()
export class RequestSignInUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    @Inject(ACCOUNT_REALMS) private readonly realms: readonly AccountRealm[],
    private readonly mailer: StaffMailer,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(email: string): Promise<void> {
    const mails: StaffMail[] = [];
    for (const realm of this.realms) {
      const accounts = await this.db.beforeTenant((manager) => realm.accountsByEmail(manager, email));
      for (const account of accounts) {
        const mail = await realm.inScope(account.scope, (manager) =>
          this.link(realm, manager, account.scope, account.accountId),
        );
        if (mail) mails.push(mail);
      }
    }
    for (const mail of mails) this.mailer.sendInBackground(mail, 'sign-in link');
  }

  private async link(
    realm: AccountRealm,
    manager: Parameters<AccountRealm['find']>[0],
    scope: string,
    accountId: string,
  ): Promise<StaffMail | null> {
    const now = this.clock.now();
    const recent = await realm.links.countSince(
      manager,
      scope,
      accountId,
      new Date(now.getTime() - RATE_WINDOW_MS),
    );
    if (recent >= this.config.IDENTITY_LINKS_PER_ACCOUNT) return null;
    const account = await realm.find(manager, scope, accountId);
    if (!account) return null;
    const token = newSecretToken();
    const minutes = this.config.IDENTITY_SIGN_IN_LINK_TTL_MINUTES;
    await realm.links.deleteExpired(manager, scope, now);
    await realm.links.insert(manager, {
      scope,
      accountId,
      tokenHash: hashOf(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
    });
    const place = await realm.place(manager, scope);
    const composed = composeSignInMail({
      tenantName: place?.name ?? null,
      staffName: account.name,
      link: signInLink(this.config.IDENTITY_PUBLIC_BASE_URL, token),
      validMinutes: minutes,
    });
    return { to: account.email, fromName: place?.name ?? 'Respire', ...composed };
  }
}
