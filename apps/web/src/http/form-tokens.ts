import { createHmac, createSecretKey, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

const LIFETIME_SECONDS = 4 * 3600;
const SIGNATURE_BYTES = 16;

/**
 * Anti-forgery tokens of the public forms: `<issued-at + nonce>.<HMAC over the form's path>`,
 * good for four hours (a form filled in slowly on a phone) and only for the form that issued
 * it. They need no cookie, so the forms work inside another site's iframe (the embed), where
 * browsers withhold cookies. With them, every POST must come from our own pages: FormGuard also
 * refuses a request whose Origin or Sec-Fetch-Site names another site, which a forged
 * cross-site form cannot hide in a current browser.
 */
export class FormTokens {
  private readonly key: KeyObject;
  /** Random bytes drawn 4 KB at a time: one system call per 512 tokens, not one per token. */
  private randomPool = Buffer.alloc(0);
  private randomOffset = 0;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createSecretKey(Buffer.from(`respire-form:${secret}`, 'utf8'));
  }

  issue(formPath: string): string {
    const payload = Buffer.alloc(12);
    payload.writeUInt32BE(Math.floor(this.now() / 1000), 0);
    if (this.randomOffset + 8 > this.randomPool.length) {
      this.randomPool = randomBytes(4096);
      this.randomOffset = 0;
    }
    this.randomPool.copy(payload, 4, this.randomOffset, this.randomOffset + 8);
    this.randomOffset += 8;
    return `${payload.toString('base64url')}.${this.sign(formPath, payload).toString('base64url')}`;
  }

  /** Whether `token` was issued by this app for `formPath` less than four hours ago. */
  verify(token: unknown, formPath: string): boolean {
    if (typeof token !== 'string' || token.length > 100) return false;
    const [encodedPayload, encodedSignature, extra] = token.split('.');
    if (!encodedPayload || !encodedSignature || extra !== undefined) return false;
    const payload = Buffer.from(encodedPayload, 'base64url');
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (payload.length !== 12 || signature.length !== SIGNATURE_BYTES) return false;
    if (!timingSafeEqual(signature, this.sign(formPath, payload))) return false;
    const age = Math.floor(this.now() / 1000) - payload.readUInt32BE(0);
    return age >= -60 && age <= LIFETIME_SECONDS;
  }

  private sign(formPath: string, payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(formPath).update('\0').update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }
}

export interface RequestOrigin {
  host: string | undefined;
  protocol: string;
  origin: string | undefined;
  fetchSite: string | undefined;
}

/**
 * Whether a form POST comes from one of our pages: the browser's Origin (when sent) is our own,
 * and Sec-Fetch-Site (when sent) says same-origin. A page inside another site's iframe is still
 * ours: its form's Origin is our origin.
 */
export function postedFromOurPages(request: RequestOrigin): boolean {
  if (request.fetchSite && request.fetchSite !== 'same-origin' && request.fetchSite !== 'none') return false;
  if (request.origin === undefined) return true;
  return request.origin === `${request.protocol}://${request.host}`;
}
