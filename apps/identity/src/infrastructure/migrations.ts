import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { FunderAccounts1764700000000 } from './migrations/funder-accounts.migration';
import { IdentitySchema1764500000000 } from './migrations/identity-schema.migration';

/** Every migration of the identity database, in order. */
export const IDENTITY_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  IdentitySchema1764500000000,
  FunderAccounts1764700000000,
];
