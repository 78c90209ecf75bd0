import {
  certificatePath,
  participantLinkPath,
  SignedTokens,
  tokenField,
  TokenFormat,
} from '@respire/platform';
import {
  InvalidLinkError,
  LinkExpiredError,
  LinkForAnotherRegistrationError,
} from '../registrations/domain/registration-errors';
import { EXPIRED_LINK_MESSAGES } from './link-expiry';

/** Appended only: a token stores its action's index. `certificate` only downloads the attestation (no page). */
export const LINK_ACTIONS = ['cancel', 'accept', 'decline', 'feedback', 'certificate'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

const LINK_FIELDS = {
  action: tokenField.oneOf(LINK_ACTIONS),
  tenantId: tokenField.uuid,
  registrationId: tokenField.uuid,
};
/** The kind byte is the version: 2 carries an expiry. */
const LINK = new TokenFormat(2, { ...LINK_FIELDS, expiresAt: tokenField.instant });
/** Tokens mailed before links expired: no expiry inside, see LinkTokens. */
const LEGACY_LINK = new TokenFormat(1, LINK_FIELDS);

export interface LinkClaims {
  tenantId: string;
  registrationId: string;
  action: LinkAction;
}

export interface SignedLinkClaims extends LinkClaims {
  /** When the link stops working (links/link-expiry.ts); null only for a legacy v1 token. */
  expiresAt: Date | null;
}

/**
 * Participant link tokens (libs/platform SignedTokens, keyed with the service's link secret
 * itself): version, action, tenant id, registration id, expiry. A token names one action on one
 * registration until its expiry; whether it can still be used before that (already cancelled,
 * offer expired, feedback given) is the registration's state, which makes a token single-use
 * without storing it.
 *
 * Version 1 tokens (no expiry) were mailed before links expired. They are still read, so a
 * participant can cancel from an older confirmation; the use cases bound every action in time
 * from the registration itself (cancel until the session starts, an offer until it expires,
 * feedback for four weeks after the session), so they too stop working when their action's time
 * is over.
 */
export class LinkTokens {
  private readonly tokens: SignedTokens;

  constructor(secret: string) {
    this.tokens = SignedTokens.withSecret(secret);
  }

  sign(claims: LinkClaims & { expiresAt: Date }): string {
    return this.tokens.sign(LINK, claims);
  }

  /** The claims of a genuine token (expired or not), or InvalidLinkError. */
  read(token: string): SignedLinkClaims {
    const payload = this.tokens.verifiedPayload(token);
    const claims = payload && (LINK.decode(payload) ?? LEGACY_LINK.decode(payload));
    if (!claims) throw new InvalidLinkError();
    return { expiresAt: null, ...claims };
  }

  /**
   * The claims of a genuine, unexpired token for `action` on `registrationId`: 403 for a forged
   * token or one for another registration, 410 `link_expired` with the action's French message
   * once its time is over.
   */
  verify(
    token: string,
    expected: { registrationId: string; action: LinkAction },
    now: Date,
  ): SignedLinkClaims {
    const claims = this.read(token);
    if (claims.action !== expected.action) throw new InvalidLinkError();
    return this.unexpiredFor(claims, expected.registrationId, now);
  }

  /**
   * The claims of a genuine, unexpired token for any action on `registrationId` (reading it, on a
   * link page): 403 for a forged token or one for another registration, 410 once expired.
   */
  verifyHolder(token: string, registrationId: string, now: Date): SignedLinkClaims {
    return this.unexpiredFor(this.read(token), registrationId, now);
  }

  private unexpiredFor(claims: SignedLinkClaims, registrationId: string, now: Date): SignedLinkClaims {
    if (claims.registrationId !== registrationId.toLowerCase()) throw new LinkForAnotherRegistrationError();
    if (claims.expiresAt && claims.expiresAt.getTime() < now.getTime())
      throw new LinkExpiredError(EXPIRED_LINK_MESSAGES[claims.action]);
    return claims;
  }
}

/** Absolute participant URLs (in events, hence in mails): the web app's link pages, where GET shows and POST acts. */
export class ParticipantLinks {
  private readonly base: string;

  constructor(
    private readonly tokens: LinkTokens,
    publicBaseUrl: string,
  ) {
    this.base = publicBaseUrl.replace(/\/+$/, '');
  }

  url(
    tenantId: string,
    registrationId: string,
    action: Exclude<LinkAction, 'certificate'>,
    expiresAt: Date,
  ): string {
    const token = this.tokens.sign({ tenantId, registrationId, action, expiresAt });
    return `${this.base}${participantLinkPath(registrationId, action)}?token=${token}`;
  }

  /** The attendance certificate's PDF, on the web app's origin (its /v1 proxy sends it on to this service). */
  certificateUrl(tenantId: string, registrationId: string, expiresAt: Date): string {
    const token = this.tokens.sign({ tenantId, registrationId, action: 'certificate', expiresAt });
    return `${this.base}${certificatePath(registrationId)}?token=${token}`;
  }
}
