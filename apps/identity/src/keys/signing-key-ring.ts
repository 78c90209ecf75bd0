import { JWTVerifyGetKey } from 'jose';
import { SigningKeySet } from './domain/signing-key-set';

/**
 * The service's signing keys, loaded once on first use (from IDENTITY_SIGNING_KEYS, or in
 * development from the database). A plain object rather than a Nest provider because the auth
 * guard, which is built before the service's providers, verifies with the same keys.
 */
export class SigningKeyRing {
  private loaded: Promise<SigningKeySet> | null = null;

  constructor(private readonly load: () => Promise<SigningKeySet>) {}

  keys(): Promise<SigningKeySet> {
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = null; // let the next request try again (e.g. the database was not up yet)
      throw error;
    });
    return this.loaded;
  }

  readonly verificationKey: JWTVerifyGetKey = async (header, token) =>
    (await this.keys()).verificationKey(header, token);
}
