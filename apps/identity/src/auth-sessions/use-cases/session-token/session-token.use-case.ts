import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@respire/platform';
import { ACCOUNT_REALMS, AccountPlace, AccountRealm, SignInAccount } from '../../../common/account-realm';
import { IdentityDatabase } from '../../../common/identity-database';
import { CsrfRejectedError, NotSignedInError } from '../../../common/identity-errors';
import { hashOf, looksLikeSecretToken, matchesHash } from '../../../common/secret-token';
import { AccessTokenIssuer } from '../../../keys/access-token.issuer';
import { AccessSession } from '../../infrastructure/session.repository';

export interface PresentedSession {
  sessionToken: string | null;
  csrfToken: string | null;
}

export interface AccessGrant {
  accessToken: string;
  expiresAt: Date;
  account: SignInAccount;
  place: AccountPlace | null;
}

/**
 * The SPA trades its session cookie (and the CSRF token it echoes) for a short-lived access
 * token; signing out ends the session. An ended, expired or unknown session, or a removed
 * account, answers "not signed in". A staff member's token names their CPTS, a funder's their
 * region and no CPTS.
 */
@Injectable()
export class SessionTokenUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    @Inject(ACCOUNT_REALMS) private readonly realms: readonly AccountRealm[],
    private readonly issuer: AccessTokenIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async accessToken(presented: PresentedSession): Promise<AccessGrant> {
    return this.withSession(presented, async (realm, manager, session) => {
      const account = await realm.find(manager, session.scope, session.accountId);
      if (!account) throw new NotSignedInError();
      await realm.sessions.touch(manager, session.scope, session.id, this.clock.now());
      const place = await realm.place(manager, session.scope);
      const { token, expiresAt } = await this.issuer.issue(account);
      return { accessToken: token, expiresAt, account, place };
    });
  }

  async signOut(presented: PresentedSession): Promise<void> {
    await this.withSession(presented, (realm, manager, session) =>
      realm.sessions.end(manager, session.scope, session.id, this.clock.now()),
    );
  }

  private async withSession<T>(
    { sessionToken, csrfToken }: PresentedSession,
    work: (realm: AccountRealm, manager: EntityManager, session: AccessSession) => Promise<T>,
  ): Promise<T> {
    if (!looksLikeSecretToken(sessionToken)) throw new NotSignedInError();
    const tokenHash = hashOf(sessionToken);
    for (const realm of this.realms) {
      const scope = await this.db.beforeTenant((manager) => realm.sessions.scopeOf(manager, tokenHash));
      if (!scope) continue;
      return realm.inScope(scope, async (manager) => {
        const session = await realm.sessions.findByHash(manager, scope, tokenHash);
        if (!session || session.endedAt || session.expiresAt <= this.clock.now())
          throw new NotSignedInError();
        if (!csrfToken || !matchesHash(csrfToken, session.csrfHash)) throw new CsrfRejectedError();
        return work(realm, manager, session);
      });
    }
    throw new NotSignedInError();
  }
}
