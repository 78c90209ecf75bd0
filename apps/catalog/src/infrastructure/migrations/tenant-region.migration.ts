import { columnAdded } from './column-added';

/** The region (ARS territory) a tenant belongs to: its funders read its summaries (libs/contracts REGIONS). */
export const TenantRegion1764600000000 = columnAdded(
  'TenantRegion1764600000000',
  'tenants',
  'region',
  'text',
);
