import { QueryRunner } from 'typeorm';

/**
 * Migration helpers for tenant-owned tables. Every such table has a `tenant_id uuid` column;
 * the policy compares it with the transaction's `app.tenant_id`. With no tenant set the
 * setting is empty, `app_current_tenant()` is NULL and no row matches: forgetting the tenant
 * shows nothing rather than everything.
 */
export async function createTenantFunction(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
      LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
}

export async function enableTenantRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  // FORCE makes the policy apply to the table owner too (superusers and BYPASSRLS roles still bypass).
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`
    CREATE POLICY tenant_isolation ON "${table}"
      USING (tenant_id = app_current_tenant())
      WITH CHECK (tenant_id = app_current_tenant())`);
}

export async function disableTenantRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP POLICY IF EXISTS tenant_isolation ON "${table}"`);
  await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
}

/**
 * The region a funder's transaction reads (`app.region`, set like the tenant with SET LOCAL).
 * Empty or unset: NULL, and the region policy matches nothing.
 */
export async function createRegionFunction(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION app_current_region() RETURNS text
      LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.region', true), '') $$`);
}

/**
 * Lets a funder's transaction read (never write) the rows of every tenant of its region, beside
 * the tenant policy: `directory` maps each tenant to its region (a table of the service's own,
 * fed by catalog's tenant events). With no region set nothing matches, exactly like the tenant
 * policy with no tenant.
 */
export async function enableRegionReadPolicy(
  queryRunner: QueryRunner,
  table: string,
  directory: string,
): Promise<void> {
  await queryRunner.query(`
    CREATE POLICY region_read ON "${table}" FOR SELECT
      USING (app_current_region() IS NOT NULL
             AND tenant_id IN (SELECT d.tenant_id FROM "${directory}" d WHERE d.region = app_current_region()))`);
}
