import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK } from '@respire/platform';
import { IDENTITY_CONFIG, IdentityEnv } from '../config/env.schema';
import { SignInAccount } from '../common/account-realm';
import { SigningKeyRing } from './signing-key-ring';

export type AccessTokenSubject = Pick<
  SignInAccount,
  'id' | 'tenantId' | 'roles' | 'facilitatorId' | 'region'
>;

/**
 * Short-lived bearer tokens for the back office, with the claims every service reads
 * (`tenant_id`, `roles`, `facilitator_id`; a funder's `region` and no `tenant_id`), signed with
 * the current key (its kid in the header).
 */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly ring: SigningKeyRing,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(subject: AccessTokenSubject): Promise<{ token: string; expiresAt: Date }> {
    const { kid, alg, key } = (await this.ring.keys()).current;
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS;
    const claims: Record<string, unknown> = { roles: subject.roles };
    if (subject.tenantId) claims.tenant_id = subject.tenantId;
    if (subject.facilitatorId) claims.facilitator_id = subject.facilitatorId;
    if (subject.region) claims.region = subject.region;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setSubject(subject.id)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
