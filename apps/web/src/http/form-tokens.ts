import { createSecretKey, randomBytes } from 'node:crypto';
import { SignedTokens, tokenField, TokenFormat } from '@respire/platform';

const LIFETIME_SECONDS = 4 * 3600;
/** No kind byte: the format predates kinds, and its key and context are the forms' own. */
const FORM = new TokenFormat(null, { issuedAt: tokenField.instant, nonce: tokenField.bytes(8) });

/**
 * Anti-forgery tokens of the public forms (libs/platform SignedTokens, bound to the form's path):
 * issued-at and a nonce, good for four hours (a form filled in slowly on a phone) and only for
 * the form that issued it. They need no cookie, so the forms work inside another site's iframe
 * (the embed), where browsers withhold cookies. With them, every POST must come from our own
 * pages: FormGuard also refuses a request whose Origin or Sec-Fetch-Site names another site,
 * which a forged cross-site form cannot hide in a current browser.
 */
export class FormTokens {
  private readonly tokens: SignedTokens;
  /** Random bytes drawn 4 KB at a time: one system call per 512 tokens, not one per token. */
  private randomPool = Buffer.alloc(0);
  private randomOffset = 0;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = new SignedTokens(createSecretKey(Buffer.from(`respire-form:${secret}`, 'utf8')));
  }

  issue(formPath: string): string {
    if (this.randomOffset + 8 > this.randomPool.length) {
      this.randomPool = randomBytes(4096);
      this.randomOffset = 0;
    }
    const nonce = this.randomPool.subarray(this.randomOffset, this.randomOffset + 8);
    this.randomOffset += 8;
    return this.tokens.sign(
      FORM,
      { issuedAt: new Date(Math.floor(this.now() / 1000) * 1000), nonce },
      formPath,
    );
  }

  /** Whether `token` was issued by this app for `formPath` less than four hours ago. */
  verify(token: unknown, formPath: string): boolean {
    const claims = this.tokens.open(FORM, token, formPath);
    if (!claims) return false;
    const age = Math.floor(this.now() / 1000) - claims.issuedAt.getTime() / 1000;
    return age >= -60 && age <= LIFETIME_SECONDS;
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
