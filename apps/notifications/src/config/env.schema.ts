import { platformEnvSchema } from '@respire/platform';
import { z } from 'zod';

/** The notifications service's environment: the platform's common variables; add notifications-only ones with `.extend()`. */
export const notificationsEnvSchema = platformEnvSchema('notifications');

export type NotificationsEnv = z.output<typeof notificationsEnvSchema>;
