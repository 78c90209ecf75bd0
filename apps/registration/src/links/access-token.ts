import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid } from 'uuid';
import { MY_REGISTRATIONS_PAGE } from '@respire/platform';
import { InvalidLinkError, LinkExpiredError } from '../registrations/domain/registration-errors';

/** How long a mailed "my registrations" link works: long enough to open it from the phone later that day. */
export const ACCESS_LINK_HOURS = 24;

export const ACCESS_LINK_EXPIRED_MESSAGE =
  'Ce lien a expiré : il fonctionne 24 heures. Demandez-en un nouveau depuis le programme de votre CPTS (« Mes inscriptions »).';

/** The first byte: names the kind of token, so that no other token of the service can be read as this one. */
const KIND = 0xa1;
const PAYLOAD_BYTES = 37;
const SIGNATURE_BYTES = 16;

export interface AccessClaims {
  tenantId: string;
  participantId: string;
  expiresAt: Date;
}

/**
 * The token of a "my registrations" link: `<payload>.<signature>`, both base64url. The payload
 * (kind, tenant id, participant id, expiry in Unix seconds) is signed with HMAC-SHA256 under a key
 * derived from the link secret for this one purpose, so a participant link token (cancel,
 * accept…) can never open a participant's page, nor this token act on a registration. It gives
 * whoever holds it, until it expires, what the address's owner may do: see their registrations,
 * cancel them, correct their details. Nothing is stored: a new request mails a new link.
 */
export class AccessTokens {
  private readonly key: KeyObject;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the link secret must be at least 32 characters');
    this.key = createSecretKey(createHmac('sha256', secret).update('respire participant access link').digest());
  }

  sign(claims: AccessClaims): string {
    const payload = Buffer.alloc(PAYLOAD_BYTES);
    payload[0] = KIND;
    Buffer.from(parseUuid(claims.tenantId)).copy(payload, 1);
    Buffer.from(parseUuid(claims.participantId)).copy(payload, 17);
    payload.writeUInt32BE(Math.ceil(claims.expiresAt.getTime() / 1000), 33);
    return `${payload.toString('base64url')}.${this.signature(payload).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired token: 403 `invalid_link` otherwise, 410 `link_expired` once its time is over. */
  verify(token: string, now: Date): AccessClaims {
    const [encodedPayload, encodedSignature, extra] = token.split('.');
    if (!encodedPayload || !encodedSignature || extra !== undefined) throw new InvalidLinkError();
    const payload = Buffer.from(encodedPayload, 'base64url');
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (payload.length !== PAYLOAD_BYTES || payload[0] !== KIND || signature.length !== SIGNATURE_BYTES) throw new InvalidLinkError();
    if (!timingSafeEqual(signature, this.signature(payload))) throw new InvalidLinkError();
    const expiresAt = new Date(payload.readUInt32BE(33) * 1000);
    if (expiresAt.getTime() < now.getTime()) throw new LinkExpiredError(ACCESS_LINK_EXPIRED_MESSAGE);
    return {
      tenantId: stringifyUuid(payload.subarray(1, 17)),
      participantId: stringifyUuid(payload.subarray(17, 33)),
      expiresAt,
    };
  }

  private signature(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }
}

/** The absolute "my registrations" link mailed to a participant: the web app's page, under PUBLIC_BASE_URL. */
export function accessLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${MY_REGISTRATIONS_PAGE}?token=${token}`;
}
