import { MY_REGISTRATIONS_PAGE, SignedTokens, tokenField, TokenFormat } from '@respire/platform';
import { InvalidLinkError, LinkExpiredError } from '../registrations/domain/registration-errors';

/** How long a mailed "my registrations" link works: long enough to open it from the phone later that day. */
export const ACCESS_LINK_HOURS = 24;

export const ACCESS_LINK_EXPIRED_MESSAGE =
  'Ce lien a expiré : il fonctionne 24 heures. Demandez-en un nouveau depuis le programme de votre CPTS (« Mes inscriptions »).';

const ACCESS = new TokenFormat(0xa1, {
  tenantId: tokenField.uuid,
  participantId: tokenField.uuid,
  expiresAt: tokenField.instant,
});

export interface AccessClaims {
  tenantId: string;
  participantId: string;
  expiresAt: Date;
}

/**
 * The token of a "my registrations" link (libs/platform SignedTokens): tenant id, participant
 * id, expiry, under a key of its own, so a participant link token (cancel, accept…) can never
 * open a participant's page, nor this token act on a registration. It gives whoever holds it,
 * until it expires, what the address's owner may do: see their registrations, cancel them,
 * correct their details. Nothing is stored: a new request mails a new link.
 */
export class AccessTokens {
  private readonly tokens: SignedTokens;

  constructor(secret: string) {
    this.tokens = SignedTokens.forPurpose(secret, 'respire participant access link');
  }

  sign(claims: AccessClaims): string {
    return this.tokens.sign(ACCESS, claims);
  }

  /** The claims of a genuine, unexpired token: 403 `invalid_link` otherwise, 410 `link_expired` once its time is over. */
  verify(token: string, now: Date): AccessClaims {
    const claims = this.tokens.open(ACCESS, token);
    if (!claims) throw new InvalidLinkError();
    if (claims.expiresAt.getTime() < now.getTime()) throw new LinkExpiredError(ACCESS_LINK_EXPIRED_MESSAGE);
    return claims;
  }
}

/** The absolute "my registrations" link mailed to a participant: the web app's page, under PUBLIC_BASE_URL. */
export function accessLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${MY_REGISTRATIONS_PAGE}?token=${token}`;
}
