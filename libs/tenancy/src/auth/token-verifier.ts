import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  JWTPayload,
  JWTVerifyGetKey,
  JWTVerifyOptions,
  SignJWT,
} from 'jose';
import { REGION_CODES } from '@respire/contracts';
import { ALL_ROLES, Principal, Role } from './principal';

export const TOKEN_ISSUER = 'respire';
export const TOKEN_AUDIENCE = 'respire-api';

export class InvalidTokenError extends Error {}

/**
 * Where the keys come from. `jwks`: the identity provider's JWKS URL (production). `keys`: a key
 * lookup in the same process (the identity service verifying what it issued). `secret`: a shared
 * HS256 secret (dev/test). `devSecret`, outside production only, lets a JWKS or keys verifier also
 * accept the HS256 tokens `npm run token` prints.
 */
export type TokenVerifierConfig = { issuer?: string; audience?: string } & (
  | { kind: 'secret'; secret: string }
  | { kind: 'jwks'; url: string; devSecret?: string }
  | { kind: 'keys'; keys: JWTVerifyGetKey; devSecret?: string }
);

/** Asymmetric algorithms accepted from a JWKS: ES256 and EdDSA (Respire), RS256 (most OIDC providers). */
export const ASYMMETRIC_ALGORITHMS = ['ES256', 'EdDSA', 'RS256', 'PS256'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies bearer tokens: keys from a JWKS (the identity service or an operator's OIDC provider)
 * and, in development, HS256 tokens signed with a shared secret. The algorithm each path accepts
 * is fixed, so an HS256 token can never be checked against a public key. Claims: `sub`,
 * `tenant_id`, `roles`, `facilitator_id`, `region` (funders). A token must expire (`exp` is required: a token without
 * one would be a password that can never be revoked), and its ids must be UUIDs: anything else is
 * refused here (401) rather than failing later in the database (500).
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  private readonly keys: JWTVerifyGetKey | null;

  constructor(private readonly config: TokenVerifierConfig) {
    const secret = config.kind === 'secret' ? config.secret : config.devSecret;
    this.secret = secret ? new TextEncoder().encode(secret) : null;
    this.keys =
      config.kind === 'jwks'
        ? createRemoteJWKSet(new URL(config.url))
        : config.kind === 'keys'
          ? config.keys
          : null;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const options: JWTVerifyOptions = {
        issuer: this.config.issuer ?? TOKEN_ISSUER,
        audience: this.config.audience ?? TOKEN_AUDIENCE,
        requiredClaims: ['exp'],
      };
      const alg = decodeProtectedHeader(token).alg;
      if (alg === 'HS256' && this.secret) {
        payload = (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (this.keys) {
        payload = (await jwtVerify(token, this.keys, { ...options, algorithms: ASYMMETRIC_ALGORITHMS }))
          .payload;
      } else {
        throw new Error(`tokens signed with ${alg ?? 'no algorithm'} are not accepted here`);
      }
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
  if (known.includes(Role.Funder)) return funderPrincipal(payload, known, tenantId);
  if (!tenantId && !known.includes(Role.PlatformAdmin))
    throw new InvalidTokenError('token carries no tenant');
  return {
    subject: payload.sub ?? 'unknown',
    tenantId,
    roles: known,
    facilitatorId: optionalUuid(payload, 'facilitator_id'),
    region: null,
  };
}

/**
 * A funder is scoped to a region and to nothing else: a token that also names a tenant or
 * carries another role is refused, so a funder can never pass for a CPTS's staff.
 */
function funderPrincipal(payload: JWTPayload, roles: Role[], tenantId: string | null): Principal {
  if (roles.length > 1) throw new InvalidTokenError('a funder token carries no other role');
  if (tenantId) throw new InvalidTokenError('a funder token names a region, not a tenant');
  const region = payload.region;
  if (typeof region !== 'string' || !(REGION_CODES as readonly string[]).includes(region)) {
    throw new InvalidTokenError('a funder token must carry a known region');
  }
  return { subject: payload.sub ?? 'unknown', tenantId: null, roles, facilitatorId: null, region };
}

function optionalUuid(payload: JWTPayload, claim: 'tenant_id' | 'facilitator_id'): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !UUID.test(value))
    throw new InvalidTokenError(`claim ${claim} is not a UUID`);
  return value.toLowerCase();
}

export interface MintTokenOptions {
  secret: string;
  subject: string;
  roles: Role[];
  tenantId?: string | null;
  facilitatorId?: string | null;
  /** Funders: the region they read. */
  region?: string | null;
  expiresIn?: string;
}

/** Signs an HS256 token the secret-based verifier accepts (dev command and tests). */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const claims: Record<string, unknown> = { roles: options.roles };
  if (options.tenantId) claims.tenant_id = options.tenantId;
  if (options.facilitatorId) claims.facilitator_id = options.facilitatorId;
  if (options.region) claims.region = options.region;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(options.secret));
}
