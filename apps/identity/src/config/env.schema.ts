import { fromEnv, platformEnvSchema, secret } from '@respire/platform';
import { z } from 'zod';

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .positive(`must be a whole number of ${what}`);

/**
 * The identity service's environment. It signs the tokens the other services verify, so it needs
 * neither JWKS_URL nor JWT_SECRET (JWT_SECRET, outside production, lets it also accept the HS256
 * tokens `npm run token` prints, e.g. a platform admin's).
 */
export const identityEnvSchema = platformEnvSchema('identity', { verifiesTokens: false })
  .safeExtend({
    // Private signing keys as a JWK set: {"keys":[current, previous…]}, each with kid and alg
    // (ES256 or EdDSA). The first signs; all are published in the JWKS. Required in production;
    // in development a key is generated at first boot and kept in the identity database.
    IDENTITY_SIGNING_KEYS: secret(z.string().min(2).optional()),
    // The back office's public origin: sign-in links point at <it>/app/connexion/lien.
    IDENTITY_PUBLIC_BASE_URL: fromEnv(
      ['IDENTITY_PUBLIC_BASE_URL', 'PUBLIC_BASE_URL'],
      z.url({ protocol: /^https?$/, error: 'must be a http or https URL' }).default('http://127.0.0.1:3000'),
    ),
    IDENTITY_MAIL_FROM: z.email().default('ne-pas-repondre@respire.localhost'),
    IDENTITY_ACCESS_TOKEN_TTL_SECONDS: positiveInt('seconds').default(300),
    IDENTITY_SESSION_TTL_HOURS: positiveInt('hours').default(168),
    IDENTITY_SIGN_IN_LINK_TTL_MINUTES: positiveInt('minutes').default(15),
    // Sign-in requests per minute per client address (0 turns the limit off).
    IDENTITY_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
    // Links mailed to one account per 15 minutes; past it the answer is the same but no mail leaves.
    IDENTITY_LINKS_PER_ACCOUNT: positiveInt('links').default(5),
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.IDENTITY_SIGNING_KEYS), {
    path: ['IDENTITY_SIGNING_KEYS'],
    message: 'is required in production (a JWK set of private keys, see k8s/README.md)',
    when: () => true,
  });

export type IdentityEnv = z.output<typeof identityEnvSchema>;

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
