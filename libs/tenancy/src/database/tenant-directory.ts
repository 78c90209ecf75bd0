import { EntityManager } from 'typeorm';
import { typedSql } from './typed-sql';

/** The one column every service's `tenant_directory` (its copy of catalog's tenants) has in common. */
const directory = typedSql<{ tenant_directory: { tenant_id: string } }>();

/** Every tenant the service's directory knows, in id order: what a job that visits each tenant walks. */
export async function directoryTenantIds(manager: EntityManager): Promise<string[]> {
  const rows = await directory(manager)
    .selectFrom('tenant_directory')
    .select('tenant_id')
    .orderBy('tenant_id')
    .execute();
  return rows.map((row) => row.tenant_id);
}
