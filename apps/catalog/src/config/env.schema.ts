import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

/** The catalog service's environment: the platform's common variables; add catalog-only ones with `.extend()`. */
export const catalogEnvSchema = platformEnvSchema('catalog');

export type CatalogEnv = z.output<typeof catalogEnvSchema>;
