import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

/** The registration service's environment: the platform's common variables; add registration-only ones with `.extend()`. */
export const registrationEnvSchema = platformEnvSchema('registration');

export type RegistrationEnv = z.output<typeof registrationEnvSchema>;
