import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .positive(`must be ${what}`);

/** The reporting service's environment: the platform's common variables and its own. */
export const reportingEnvSchema = platformEnvSchema('reporting').safeExtend({
  /** How often a consumer process checks whether a rebuild switched the live read-model generation. */
  REPORTING_GENERATION_POLL_MS: positiveInt('a number of milliseconds').default(5000),
  /** A rebuild switches over once its consumer is at most this many messages behind (0: fully caught up). */
  REPORTING_REBUILD_MAX_LAG: z.coerce.number().int().nonnegative().default(0),
  /** A rebuild gives up (and leaves the live generation alone) after this long. */
  REPORTING_REBUILD_TIMEOUT_MS: positiveInt('a number of milliseconds').default(6 * 60 * 60 * 1000),
});

export type ReportingEnv = z.output<typeof reportingEnvSchema>;

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');
