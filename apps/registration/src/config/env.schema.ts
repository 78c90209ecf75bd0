import { platformEnvSchema, secret } from '@respire/platform';
import { z } from 'zod';

const minutes = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(0);

/**
 * The registration service's environment: the platform's common variables plus its own.
 * `.safeExtend()` keeps the platform's JWT_SECRET/JWKS_URL check.
 */
export const registrationEnvSchema = platformEnvSchema('registration')
  .safeExtend({
    // Signs the participant links (cancel, accept, decline, feedback). Falls back to JWT_SECRET
    // outside production; production must set its own so that rotating one does not void the other.
    REGISTRATION_LINK_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
    // How often the worker compares the database with the queue (missing jobs, overdue offers).
    REGISTRATION_SWEEP_INTERVAL_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .positive('must be a positive number of seconds')
      .default(60),
    // Confirmed registrations not checked in become no-shows this long after the session ends,
    // so a facilitator can still take attendance right after the session.
    REGISTRATION_NO_SHOW_DELAY_MINUTES: minutes('minutes').default(120),
    REGISTRATION_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.REGISTRATION_LINK_SECRET), {
    path: ['REGISTRATION_LINK_SECRET'],
    message: 'is required in production (at least 32 characters)',
    when: () => true,
  })
  .refine((env) => Boolean(env.REGISTRATION_LINK_SECRET || env.JWT_SECRET), {
    path: ['REGISTRATION_LINK_SECRET'],
    message: 'set REGISTRATION_LINK_SECRET (or JWT_SECRET outside production)',
    when: () => true,
  });

export type RegistrationEnv = z.output<typeof registrationEnvSchema>;

/** The secret participant links are signed with. */
export function linkSecretOf(config: RegistrationEnv): string {
  const value = config.REGISTRATION_LINK_SECRET ?? config.JWT_SECRET;
  if (!value) throw new Error('registration: no secret to sign participant links');
  return value;
}
