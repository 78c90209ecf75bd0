import { platformEnvSchema, secret } from '@respire/platform';
import { z } from 'zod';
import { parseSenderDomains } from '../messages/domain/sender-policy';

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .positive();

/**
 * The notifications service's environment: the platform's common variables (SMTP_URL among
 * them: `smtp://user:pass@host:587` for STARTTLS, `smtps://…:465` for TLS) plus its own.
 * `.safeExtend()` keeps the platform's JWT_SECRET/JWKS_URL check.
 */
export const notificationsEnvSchema = platformEnvSchema('notifications')
  .safeExtend({
    // The platform's From address, under each CPTS's name (messages/domain/sender-policy.ts).
    NOTIFICATIONS_DEFAULT_SENDER: z.email().default('ne-pas-repondre@respire.localhost'),
    // Domains an operator verified for one CPTS (`slug=domain,…`): its address there is the From
    // itself; any other address it gives is only the Reply-To.
    NOTIFICATIONS_SENDER_DOMAINS: z
      .string()
      .default('')
      .transform((value, context) => {
        const domains = parseSenderDomains(value);
        if (domains) return domains;
        context.addIssue({
          code: 'custom',
          message: 'must list tenant-slug=domain pairs, comma-separated (e.g. cpts-adour=cpts-adour.fr)',
        });
        return z.NEVER;
      }),
    // Signs the preferences links. Falls back to JWT_SECRET outside production.
    NOTIFICATIONS_LINK_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
    // Sends a worker process runs at once (claim, render, SMTP, mark). More than its SMTP
    // connections, so that claiming, rendering and marking overlap the SMTP exchanges.
    NOTIFICATIONS_SEND_CONCURRENCY: positiveInt('sends').default(128),
    // SMTP connections a worker process keeps open (its pool); sends beyond them wait for one.
    // Below Postfix's default limit of 50 connections per client.
    NOTIFICATIONS_SMTP_CONNECTIONS: positiveInt('connections').default(32),
    NOTIFICATIONS_CONSUMER_BATCH: positiveInt('events').default(100),
    // Attempts of a message before it is recorded as failed for good (12: the mail server may be
    // down for about three hours before a message is given up).
    NOTIFICATIONS_SEND_ATTEMPTS: positiveInt('attempts').default(12),
    // First retry delay; it doubles at each attempt (5 s, 10 s, 20 s, … 85 min before the 12th).
    NOTIFICATIONS_RETRY_BASE_MS: positiveInt('milliseconds').default(5000),
    // How long a worker holds a job before another may take it over (a crashed worker's jobs
    // are resumed after this).
    NOTIFICATIONS_JOB_LOCK_MS: positiveInt('milliseconds').default(30_000),
    // How often the worker re-enqueues messages recorded but not queued (a crash between the
    // two) and rebuilds missing reminder jobs from the database.
    NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: positiveInt('seconds').default(30),
    NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS: positiveInt('seconds').default(300),
    // Reminder jobs fire this long before their time: the rows are written then; the mails are
    // claimed and composed in the last third of NOTIFICATIONS_JOB_LOCK_MS before it (a claim is a
    // lease of that length) and handed to SMTP at the time itself. A cancellation in between
    // cancels the written rows, and the batch checks them again just before it sends.
    NOTIFICATIONS_REMINDER_LEAD_SECONDS: z.coerce.number().int().min(0).default(10),
    // A reminder whose time passed while the service was down is still sent within this grace.
    NOTIFICATIONS_REMINDER_GRACE_MINUTES: positiveInt('minutes').default(30),
    // The feedback request goes this long after the session ends.
    NOTIFICATIONS_FEEDBACK_DELAY_MINUTES: z.coerce.number().int().min(0).default(60),
    // Facilitators get their attendee list the day before, at this local hour.
    NOTIFICATIONS_FACILITATOR_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(17),
    // New-session alerts wait this long after the last publication before their one digest goes
    // (a coordinator publishing a series publishes its sessions within seconds of each other).
    NOTIFICATIONS_ALERT_DIGEST_DELAY_SECONDS: positiveInt('seconds').default(300),
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.NOTIFICATIONS_LINK_SECRET), {
    path: ['NOTIFICATIONS_LINK_SECRET'],
    message: 'is required in production (at least 32 characters)',
    when: () => true,
  });

export type NotificationsEnv = z.output<typeof notificationsEnvSchema>;

/** The secret preferences links are signed with. */
export function linkSecretOf(config: NotificationsEnv): string {
  const value = config.NOTIFICATIONS_LINK_SECRET ?? config.JWT_SECRET;
  if (!value) throw new Error('notifications: no secret to sign preferences links');
  return value;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
