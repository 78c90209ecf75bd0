import { createRemoteJWKSet, jwtVerify, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions, SignJWT } from 'jose';
import { ALL_ROLES, Principal, Role } from './principal';

export const TOKEN_ISSUER = 'respire';
export const TOKEN_AUDIENCE = 'respire-api';

export class InvalidTokenError extends Error {}

export type TokenVerifierConfig =
  | { kind: 'secret'; secret: string; issuer?: string; audience?: string }
  | { kind: 'jwks'; url: string; issuer?: string; audience?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies bearer tokens: HS256 with a shared secret (dev/test) or keys from a JWKS URL
 * (production identity provider). Claims: `sub`, `tenant_id`, `roles`, `facilitator_id`.
 * A token must expire (`exp` is required: a token without one would be a password that can
 * never be revoked), and its ids must be UUIDs: anything else is refused here (401) rather than
 * failing later in the database (500).
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(private readonly config: TokenVerifierConfig) {
    this.key =
      config.kind === 'secret'
        ? new TextEncoder().encode(config.secret)
        : createRemoteJWKSet(new URL(config.url));
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const options: JWTVerifyOptions = {
        issuer: this.config.issuer ?? TOKEN_ISSUER,
        audience: this.config.audience ?? TOKEN_AUDIENCE,
        requiredClaims: ['exp'],
        ...(this.config.kind === 'secret' && { algorithms: ['HS256'] }),
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    return principalFromClaims(payload);
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  const known = roles.filter((role): role is Role => ALL_ROLES.includes(role as Role));
  if (known.length === 0) throw new InvalidTokenError('token carries no known role');
  const tenantId = optionalUuid(payload, 'tenant_id');
  if (!tenantId && !known.includes(Role.PlatformAdmin)) throw new InvalidTokenError('token carries no tenant');
  return {
    subject: payload.sub ?? 'unknown',
    tenantId,
    roles: known,
    facilitatorId: optionalUuid(payload, 'facilitator_id'),
  };
}

function optionalUuid(payload: JWTPayload, claim: 'tenant_id' | 'facilitator_id'): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !UUID.test(value)) throw new InvalidTokenError(`claim ${claim} is not a UUID`);
  return value.toLowerCase();
}

export interface MintTokenOptions {
  secret: string;
  subject: string;
  roles: Role[];
  tenantId?: string | null;
  facilitatorId?: string | null;
  expiresIn?: string;
}

/** Signs an HS256 token the secret-based verifier accepts (dev command and tests). */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const claims: Record<string, unknown> = { roles: options.roles };
  if (options.tenantId) claims.tenant_id = options.tenantId;
  if (options.facilitatorId) claims.facilitator_id = options.facilitatorId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(options.secret));
}
