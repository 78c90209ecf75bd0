import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid } from 'uuid';
import { participantLinkPath } from '@respire/platform';
import { InvalidLinkError, LinkForAnotherRegistrationError } from '../registrations/domain/registration-errors';

export const LINK_ACTIONS = ['cancel', 'accept', 'decline', 'feedback'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

const VERSION = 1;
const SIGNATURE_BYTES = 16;

export interface LinkClaims {
  tenantId: string;
  registrationId: string;
  action: LinkAction;
}

/**
 * Participant link tokens: `<payload>.<signature>`, both base64url. The payload is 34 bytes
 * (version, action, tenant id, registration id); the signature is HMAC-SHA256 with the service's
 * link secret, truncated to 128 bits. A token names one action on one registration; whether it
 * can still be used (already cancelled, offer expired, feedback given) is the registration's
 * state, which makes a token single-use without storing it.
 */
export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the link secret must be at least 32 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(claims: LinkClaims): string {
    const payload = Buffer.alloc(34);
    payload[0] = VERSION;
    payload[1] = LINK_ACTIONS.indexOf(claims.action);
    Buffer.from(parseUuid(claims.tenantId)).copy(payload, 2);
    Buffer.from(parseUuid(claims.registrationId)).copy(payload, 18);
    return `${payload.toString('base64url')}.${this.signature(payload).toString('base64url')}`;
  }

  /** The claims of a genuine token, or InvalidLinkError. */
  read(token: string): LinkClaims {
    const [encodedPayload, encodedSignature, extra] = token.split('.');
    if (!encodedPayload || !encodedSignature || extra !== undefined) throw new InvalidLinkError();
    const payload = Buffer.from(encodedPayload, 'base64url');
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (payload.length !== 34 || signature.length !== SIGNATURE_BYTES) throw new InvalidLinkError();
    if (!timingSafeEqual(signature, this.signature(payload))) throw new InvalidLinkError();
    const action = LINK_ACTIONS[payload[1]];
    if (payload[0] !== VERSION || !action) throw new InvalidLinkError();
    return {
      action,
      tenantId: stringifyUuid(payload.subarray(2, 18)),
      registrationId: stringifyUuid(payload.subarray(18, 34)),
    };
  }

  /** The tenant of a genuine token for `action` on `registrationId`; 403 otherwise. */
  verify(token: string, expected: { registrationId: string; action: LinkAction }): LinkClaims {
    const claims = this.read(token);
    if (claims.action !== expected.action) throw new InvalidLinkError();
    if (claims.registrationId !== expected.registrationId.toLowerCase()) throw new LinkForAnotherRegistrationError();
    return claims;
  }

  /** The claims of a genuine token for any action on `registrationId` (reading it, on a link page); 403 otherwise. */
  verifyHolder(token: string, registrationId: string): LinkClaims {
    const claims = this.read(token);
    if (claims.registrationId !== registrationId.toLowerCase()) throw new LinkForAnotherRegistrationError();
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

  url(tenantId: string, registrationId: string, action: LinkAction): string {
    const token = this.tokens.sign({ tenantId, registrationId, action });
    return `${this.base}${participantLinkPath(registrationId, action)}?token=${token}`;
  }
}
