import { exportJWK, generateKeyPair, importJWK, JWK, JWTVerifyGetKey, KeyLike } from 'jose';

export const SIGNING_ALGORITHMS = ['ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

export class InvalidSigningKeysError extends Error {}

interface LoadedKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

/**
 * The private keys tokens are signed with, as an operator provides them (a JWK set): the first
 * key signs; every key is published, so a token signed with the previous key stays valid until
 * it expires after a rotation. Only public members ever leave this class.
 */
export class SigningKeySet {
  private constructor(private readonly keys: readonly LoadedKey[]) {}

  static async fromJson(json: string): Promise<SigningKeySet> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new InvalidSigningKeysError('not JSON: expected {"keys":[…private JWKs…]}');
    }
    const keys = (parsed as { keys?: unknown })?.keys;
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new InvalidSigningKeysError('expected {"keys":[…]} with at least one private key');
    }
    return SigningKeySet.fromJwks(keys as JWK[]);
  }

  static async fromJwks(jwks: readonly JWK[]): Promise<SigningKeySet> {
    const kids = new Set<string>();
    const loaded: LoadedKey[] = [];
    for (const [index, jwk] of jwks.entries()) {
      const where = `key ${index + 1}`;
      if (!jwk.kid) throw new InvalidSigningKeysError(`${where} has no kid`);
      if (kids.has(jwk.kid)) throw new InvalidSigningKeysError(`${where}: kid ${jwk.kid} is used twice`);
      kids.add(jwk.kid);
      if (!SIGNING_ALGORITHMS.includes(jwk.alg as SigningAlgorithm)) {
        throw new InvalidSigningKeysError(
          `${where} (${jwk.kid}): alg must be one of ${SIGNING_ALGORITHMS.join(', ')}`,
        );
      }
      if (!jwk.d) throw new InvalidSigningKeysError(`${where} (${jwk.kid}) is not a private key (no "d")`);
      const alg = jwk.alg as SigningAlgorithm;
      const publicJwk = publicPartOf(jwk);
      try {
        loaded.push({
          kid: jwk.kid,
          alg,
          privateKey: (await importJWK(jwk, alg)) as KeyLike,
          publicKey: (await importJWK(publicJwk, alg)) as KeyLike,
          publicJwk,
        });
      } catch (error) {
        throw new InvalidSigningKeysError(
          `${where} (${jwk.kid}) cannot be used: ${(error as Error).message}`,
        );
      }
    }
    return new SigningKeySet(loaded);
  }

  /** A fresh key pair, as development generates at first boot and as `ops` rotation scripts may. */
  static async generateJwk(
    alg: SigningAlgorithm = 'ES256',
    kid = `respire-${Date.now().toString(36)}`,
  ): Promise<JWK> {
    const { privateKey } = await generateKeyPair(alg, {
      extractable: true,
      crv: alg === 'EdDSA' ? 'Ed25519' : undefined,
    });
    return { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  }

  /** The key new tokens are signed with. */
  get current(): { kid: string; alg: SigningAlgorithm; key: KeyLike } {
    const [first] = this.keys;
    return { kid: first.kid, alg: first.alg, key: first.privateKey };
  }

  /** The JWKS document: public members only. */
  publicJwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** For jose's jwtVerify: the public key named by the token's kid. */
  readonly verificationKey: JWTVerifyGetKey = async (header) => {
    const key = this.keys.find((candidate) => candidate.kid === header.kid);
    if (!key || key.alg !== header.alg) throw new Error(`unknown signing key ${header.kid ?? '(no kid)'}`);
    return key.publicKey;
  };
}

function publicPartOf(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk, use: 'sig' };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  delete copy.key_ops;
  return copy as unknown as JWK;
}
