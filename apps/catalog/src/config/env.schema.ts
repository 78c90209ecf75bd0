import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

/** The catalog service's environment: the platform's common variables and the catalog's own. */
export const catalogEnvSchema = platformEnvSchema('catalog').safeExtend({
  /**
   * How often a `worker` process marks sessions past their end as completed (0 turns it off).
   * One process at a time does it (a PostgreSQL advisory lock), so replicas may all run it.
   */
  CATALOG_COMPLETION_INTERVAL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds (0 turns it off)' })
    .int()
    .min(0)
    .default(60_000),
});

export type CatalogEnv = z.output<typeof catalogEnvSchema>;
