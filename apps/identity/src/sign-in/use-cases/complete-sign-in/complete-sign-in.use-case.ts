import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@respire/platform';
import { ACCOUNT_REALMS, AccountRealm, SignInAccount } from '../../../common/account-realm';
import { IdentityDatabase } from '../../../common/identity-database';
import { SignInLinkInvalidError } from '../../../common/identity-errors';
import { hashOf, looksLikeSecretToken, newSecretToken } from '../../../common/secret-token';
import { IDENTITY_CONFIG, IdentityEnv } from '../../../config/env.schema';

export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  maxAgeSeconds: number;
  account: SignInAccount;
}

/**
 * The page opened from the mail posts the link's secret: the link is used up (whatever happens
 * next) and a session opens, for a staff member or a funder, whichever the link was mailed to.
 * A used, expired or unknown link gets one and the same refusal.
 */
@Injectable()
export class CompleteSignInUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    @Inject(ACCOUNT_REALMS) private readonly realms: readonly AccountRealm[],
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(token: unknown, userAgent: string | null): Promise<OpenedSession> {
    if (!looksLikeSecretToken(token)) throw new SignInLinkInvalidError();
    const now = this.clock.now();
    for (const realm of this.realms) {
      const link = await this.db.beforeTenant((manager) => realm.links.consume(manager, hashOf(token), now));
      if (link) return this.open(realm, link, userAgent, now);
    }
    throw new SignInLinkInvalidError();
  }

  private open(
    realm: AccountRealm,
    link: { scope: string; accountId: string },
    userAgent: string | null,
    now: Date,
  ): Promise<OpenedSession> {
    return realm.inScope(link.scope, async (manager) => {
      const account = await realm.find(manager, link.scope, link.accountId);
      if (!account) throw new SignInLinkInvalidError();
      const sessionToken = newSecretToken();
      const csrfToken = newSecretToken();
      const maxAgeSeconds = this.config.IDENTITY_SESSION_TTL_HOURS * 3600;
      await realm.sessions.insert(manager, {
        scope: link.scope,
        id: uuidv7(),
        accountId: account.id,
        tokenHash: hashOf(sessionToken),
        csrfHash: hashOf(csrfToken),
        userAgent: userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
        endedAt: null,
      });
      await realm.markSignedIn(manager, link.scope, account.id, now);
      return { sessionToken, csrfToken, maxAgeSeconds, account };
    });
  }
}
