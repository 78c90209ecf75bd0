import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { CatalogSchema1763910000000 } from './migrations/catalog-schema.migration';
import { TenantEmbedOrigins1764500000000 } from './migrations/tenant-embed-origins.migration';
import { TenantPaymentInstructions1764600000000 } from './migrations/tenant-payment-instructions.migration';

/** Every migration of the catalog database, in order. */
export const CATALOG_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  CatalogSchema1763910000000,
  TenantEmbedOrigins1764500000000,
  TenantPaymentInstructions1764600000000,
];
