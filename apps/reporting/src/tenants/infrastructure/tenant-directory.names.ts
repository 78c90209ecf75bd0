/**
 * Reporting's copy of each CPTS's public slug, name, time zone and region (from catalog's tenant
 * events). No row-level security: it holds no tenant data, and it is what public routes resolve a
 * slug with and what the region policies look a funder's tenants up in.
 */
export const TENANT_DIRECTORY = 'tenant_directory';
