import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { CatalogSchema1763910000000 } from './migrations/catalog-schema.migration';
import { Paperwork1764600000001 } from './migrations/paperwork.migration';
import { TenantEmbedOrigins1764500000000 } from './migrations/tenant-embed-origins.migration';
import { TenantRegion1764600000000 } from './migrations/tenant-region.migration';
import { TenantPaymentInstructions1764600000002 } from './migrations/tenant-payment-instructions.migration';

/** Every migration of the catalog database, in order. */
export const CATALOG_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  CatalogSchema1763910000000,
  TenantEmbedOrigins1764500000000,
  TenantRegion1764600000000,
  Paperwork1764600000001,
  TenantPaymentInstructions1764600000002,
];
