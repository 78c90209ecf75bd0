import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { parse as parseUuid } from 'uuid';

export interface FeedbackContent {
  rating: number;
  comment: string | null;
  quoteConsent: boolean;
}

/** Every sealed feedback has this many bytes of plaintext, whatever its comment: lengths tell nothing. */
const PLAINTEXT_BYTES = 6144;
const HEADER_BYTES = 5; // rating, consent, has comment, comment length (2)
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The secrets that keep feedback apart from the person who gave it (see SubmitFeedbackUseCase):
 *
 * - `givenMark` — HMAC-SHA256 of (tenant, registration): stored to refuse a second feedback for
 *   a registration, without naming it to anyone who reads the database;
 * - `seal` / `open` — AES-256-GCM over a fixed-size plaintext: feedback waiting to be released
 *   is unreadable in the database, its WAL and its backups, and all of it has the same size.
 *
 * Both keys are derived (HKDF-SHA256, one label each) from the participant link secret, which
 * already guards these links. Rotating it voids the links mailed so far, the marks with them (no
 * old link can be used again), and the feedback still waiting to be released (dropped, with a
 * warning: it can no longer be read).
 */
export class FeedbackVault {
  private readonly markKey: KeyObject;
  private readonly sealKey: Buffer;

  constructor(secret: string) {
    // A key object made once: made from bytes at each call, it costs more than the HMAC itself.
    this.markKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', secret, '', 'respire feedback given mark v1', 32)),
    );
    this.sealKey = Buffer.from(hkdfSync('sha256', secret, '', 'respire feedback seal v1', 32));
  }

  givenMark(tenantId: string, registrationId: string): Buffer {
    return createHmac('sha256', this.markKey)
      .update(Buffer.from(parseUuid(tenantId)))
      .update(Buffer.from(parseUuid(registrationId)))
      .digest();
  }

  seal(content: FeedbackContent): Buffer {
    const comment = content.comment === null ? Buffer.alloc(0) : Buffer.from(content.comment, 'utf8');
    if (HEADER_BYTES + comment.length > PLAINTEXT_BYTES) throw new Error('feedback comment too long to seal');
    const plaintext = Buffer.alloc(PLAINTEXT_BYTES);
    plaintext[0] = content.rating;
    plaintext[1] = content.quoteConsent ? 1 : 0;
    plaintext[2] = content.comment === null ? 0 : 1;
    plaintext.writeUInt16BE(comment.length, 3);
    comment.copy(plaintext, HEADER_BYTES);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** The content of a sealed feedback; throws if it was sealed with another key or altered. */
  open(sealed: Buffer): FeedbackContent {
    if (sealed.length !== NONCE_BYTES + PLAINTEXT_BYTES + TAG_BYTES)
      throw new Error('sealed feedback has the wrong size');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const length = plaintext.readUInt16BE(3);
    return {
      rating: plaintext[0],
      quoteConsent: plaintext[1] === 1,
      comment:
        plaintext[2] === 1 ? plaintext.subarray(HEADER_BYTES, HEADER_BYTES + length).toString('utf8') : null,
    };
  }
}
