import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

/** The reporting service's environment: the platform's common variables; add reporting-only ones with `.extend()`. */
export const reportingEnvSchema = platformEnvSchema('reporting');

export type ReportingEnv = z.output<typeof reportingEnvSchema>;
