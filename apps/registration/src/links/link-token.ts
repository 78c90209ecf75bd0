import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid } from 'uuid';
import { certificatePath, participantLinkPath } from '@respire/platform';
import { InvalidLinkError, LinkExpiredError, LinkForAnotherRegistrationError } from '../registrations/domain/registration-errors';
import { EXPIRED_LINK_MESSAGES } from './link-expiry';

/** Appended only: a token stores its action's index. `certificate` only downloads the attestation (no page). */
export const LINK_ACTIONS = ['cancel', 'accept', 'decline', 'feedback', 'certificate'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

const VERSION = 2;
/** Tokens mailed before links expired: no expiry inside, see `read`. */
const LEGACY_VERSION = 1;
const SIGNATURE_BYTES = 16;
const PAYLOAD_BYTES = { [LEGACY_VERSION]: 34, [VERSION]: 38 } as const;

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
 * Participant link tokens: `<payload>.<signature>`, both base64url. The payload is 38 bytes
 * (version, action, tenant id, registration id, expiry in Unix seconds); the signature is
 * HMAC-SHA256 with the service's link secret, truncated to 128 bits. A token names one action on
 * one registration until its expiry; whether it can still be used before that (already
 * cancelled, offer expired, feedback given) is the registration's state, which makes a token
 * single-use without storing it.
 *
 * Version 1 tokens (34 bytes, no expiry) were mailed before links expired. They are still read,
 * so a participant can cancel from an older confirmation; the use cases bound every action in
 * time from the registration itself (cancel until the session starts, an offer until it expires,
 * feedback for four weeks after the session), so they too stop working when their action's time
 * is over.
 */
export class LinkTokens {
  private readonly key: KeyObject;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the link secret must be at least 32 characters');
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(claims: LinkClaims & { expiresAt: Date }): string {
    const payload = Buffer.alloc(PAYLOAD_BYTES[VERSION]);
    payload[0] = VERSION;
    payload[1] = LINK_ACTIONS.indexOf(claims.action);
    Buffer.from(parseUuid(claims.tenantId)).copy(payload, 2);
    Buffer.from(parseUuid(claims.registrationId)).copy(payload, 18);
    payload.writeUInt32BE(Math.ceil(claims.expiresAt.getTime() / 1000), 34);
    return `${payload.toString('base64url')}.${this.signature(payload).toString('base64url')}`;
  }

  /** The claims of a genuine token (expired or not), or InvalidLinkError. */
  read(token: string): SignedLinkClaims {
    const [encodedPayload, encodedSignature, extra] = token.split('.');
    if (!encodedPayload || !encodedSignature || extra !== undefined) throw new InvalidLinkError();
    const payload = Buffer.from(encodedPayload, 'base64url');
    const signature = Buffer.from(encodedSignature, 'base64url');
    const version = payload[0] as keyof typeof PAYLOAD_BYTES;
    if (payload.length !== PAYLOAD_BYTES[version] || signature.length !== SIGNATURE_BYTES) throw new InvalidLinkError();
    if (!timingSafeEqual(signature, this.signature(payload))) throw new InvalidLinkError();
    const action = LINK_ACTIONS[payload[1]];
    if (!action) throw new InvalidLinkError();
    return {
      action,
      tenantId: stringifyUuid(payload.subarray(2, 18)),
      registrationId: stringifyUuid(payload.subarray(18, 34)),
      expiresAt: version === VERSION ? new Date(payload.readUInt32BE(34) * 1000) : null,
    };
  }

  /**
   * The claims of a genuine, unexpired token for `action` on `registrationId`: 403 for a forged
   * token or one for another registration, 410 `link_expired` with the action's French message
   * once its time is over.
   */
  verify(token: string, expected: { registrationId: string; action: LinkAction }, now: Date): SignedLinkClaims {
    const claims = this.read(token);
    if (claims.action !== expected.action) throw new InvalidLinkError();
    if (claims.registrationId !== expected.registrationId.toLowerCase()) throw new LinkForAnotherRegistrationError();
    if (claims.expiresAt && claims.expiresAt.getTime() < now.getTime()) throw new LinkExpiredError(EXPIRED_LINK_MESSAGES[claims.action]);
    return claims;
  }

  /**
   * The claims of a genuine, unexpired token for any action on `registrationId` (reading it, on a
   * link page): 403 for a forged token or one for another registration, 410 once expired.
   */
  verifyHolder(token: string, registrationId: string, now: Date): SignedLinkClaims {
    const claims = this.read(token);
    if (claims.registrationId !== registrationId.toLowerCase()) throw new LinkForAnotherRegistrationError();
    if (claims.expiresAt && claims.expiresAt.getTime() < now.getTime()) throw new LinkExpiredError(EXPIRED_LINK_MESSAGES[claims.action]);
    return claims;
  }

  private signature(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, SIGNATURE_BYTES);
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

  url(tenantId: string, registrationId: string, action: Exclude<LinkAction, 'certificate'>, expiresAt: Date): string {
    const token = this.tokens.sign({ tenantId, registrationId, action, expiresAt });
    return `${this.base}${participantLinkPath(registrationId, action)}?token=${token}`;
  }

  /** The attendance certificate's PDF, on the web app's origin (its /v1 proxy sends it on to this service). */
  certificateUrl(tenantId: string, registrationId: string, expiresAt: Date): string {
    const token = this.tokens.sign({ tenantId, registrationId, action: 'certificate', expiresAt });
    return `${this.base}${certificatePath(registrationId)}?token=${token}`;
  }
}
