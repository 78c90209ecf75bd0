import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, validate as validateUuid } from 'uuid';

/**
 * The one format of the tokens Respire mails or embeds in pages (participant links, "my
 * registrations" links, preference links, form anti-forgery tokens): `<payload>.<signature>`,
 * both base64url. The payload is a few fixed-size fields (a `TokenFormat`), the signature
 * HMAC-SHA256 over it (and over a context string, when the token is bound to one: a form's path),
 * truncated to 128 bits. Each use has its own key (`SignedTokens.forPurpose`) and its own first
 * byte (the format's kind), so no token can be read as one of another kind. Nothing is stored:
 * whether a genuine token may still act is the owner's state and the token's expiry.
 */
export class SignedTokens {
  static readonly SIGNATURE_BYTES = 16;

  constructor(private readonly key: KeyObject) {}

  /** A key of its own for one use, derived from the service's secret: HMAC-SHA256(secret, purpose). */
  static forPurpose(secret: string, purpose: string): SignedTokens {
    requireLongSecret(secret);
    return new SignedTokens(createSecretKey(createHmac('sha256', secret).update(purpose).digest()));
  }

  /** The secret itself as the key (participant links, which predate purposes: their mailed tokens stay valid). */
  static withSecret(secret: string): SignedTokens {
    requireLongSecret(secret);
    return new SignedTokens(createSecretKey(Buffer.from(secret, 'utf8')));
  }

  sign<F extends Fields>(format: TokenFormat<F>, claims: ClaimsOf<F>, context?: string): string {
    const payload = format.encode(claims);
    return `${payload.toString('base64url')}.${this.mac(payload, context).toString('base64url')}`;
  }

  /** The claims of a genuine token of `format` (expired or not), or null: forged, malformed, of another kind. */
  open<F extends Fields>(format: TokenFormat<F>, token: unknown, context?: string): ClaimsOf<F> | null {
    const payload = this.verifiedPayload(token, context);
    return payload ? format.decode(payload) : null;
  }

  /** The signed bytes of a genuine token, or null: for a use with several formats (versions). */
  verifiedPayload(token: unknown, context?: string): Buffer | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [encodedPayload, encodedSignature, extra] = token.split('.');
    if (!encodedPayload || !encodedSignature || extra !== undefined) return null;
    const payload = Buffer.from(encodedPayload, 'base64url');
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (signature.length !== SignedTokens.SIGNATURE_BYTES) return null;
    return timingSafeEqual(signature, this.mac(payload, context)) ? payload : null;
  }

  private mac(payload: Buffer, context: string | undefined): Buffer {
    const hmac = createHmac('sha256', this.key);
    if (context !== undefined) hmac.update(context).update('\0');
    return hmac.update(payload).digest().subarray(0, SignedTokens.SIGNATURE_BYTES);
  }
}

function requireLongSecret(secret: string): void {
  if (secret.length < 32) throw new Error('a token secret must be at least 32 characters');
}

/** One fixed-size field of a token's payload. */
export interface TokenField<T> {
  readonly bytes: number;
  write(value: T, into: Buffer, at: number): void;
  /** undefined: the bytes are no value of this field (the token is then refused). */
  read(from: Buffer, at: number): T | undefined;
}

type Fields = Record<string, TokenField<unknown>>;
export type ClaimsOf<F extends Fields> = { [K in keyof F]: F[K] extends TokenField<infer T> ? T : never };

export const tokenField = {
  uuid: {
    bytes: 16,
    write: (value: string, into: Buffer, at: number) => into.set(parseUuid(value), at),
    read: (from: Buffer, at: number) => {
      const hex = from.toString('hex', at, at + 16);
      const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      // What uuid's stringify refuses (not a UUID's bytes) is no value of this field either.
      return validateUuid(text) ? text : undefined;
    },
  } satisfies TokenField<string>,
  /** An instant to the second (Unix seconds, rounded up), until 2106. */
  instant: {
    bytes: 4,
    write: (value: Date, into: Buffer, at: number) =>
      void into.writeUInt32BE(Math.ceil(value.getTime() / 1000), at),
    read: (from: Buffer, at: number) => new Date(from.readUInt32BE(at) * 1000),
  } satisfies TokenField<Date>,
  /** One of at most 256 names, by its index: append new names, never reorder. */
  oneOf<T extends string>(values: readonly T[]): TokenField<T> {
    return {
      bytes: 1,
      write: (value, into, at) => void into.writeUInt8(values.indexOf(value), at),
      read: (from, at) => values[from[at]],
    };
  },
  bytes(count: number): TokenField<Buffer> {
    return {
      bytes: count,
      write: (value, into, at) => void value.copy(into, at, 0, count),
      read: (from, at) => Buffer.from(from.subarray(at, at + count)),
    };
  },
};

/**
 * The layout of one kind of token: a first byte naming the kind (null: none, for a format that
 * predates kinds), then the fields in order.
 */
export class TokenFormat<F extends Fields> {
  readonly bytes: number;
  /** The fields in order, with where each starts: laid out once, not at every token. */
  private readonly layout: { name: string; field: TokenField<unknown>; at: number }[] = [];

  constructor(
    readonly kind: number | null,
    fields: F,
  ) {
    let at = kind === null ? 0 : 1;
    for (const [name, field] of Object.entries(fields)) {
      this.layout.push({ name, field, at });
      at += field.bytes;
    }
    this.bytes = at;
  }

  encode(claims: ClaimsOf<F>): Buffer {
    const payload = Buffer.alloc(this.bytes);
    if (this.kind !== null) payload[0] = this.kind;
    for (const { name, field, at } of this.layout) field.write(claims[name], payload, at);
    return payload;
  }

  decode(payload: Buffer): ClaimsOf<F> | null {
    if (payload.length !== this.bytes) return null;
    if (this.kind !== null && payload[0] !== this.kind) return null;
    const claims: Record<string, unknown> = {};
    for (const { name, field, at } of this.layout) {
      const value = field.read(payload, at);
      if (value === undefined) return null;
      claims[name] = value;
    }
    return claims as ClaimsOf<F>;
  }
}
