import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';

/** Every migration of the notifications database, in order. */
export const NOTIFICATIONS_MIGRATIONS = [MessagingTables1763900000000, TenancyFunctions1763900000005];
