import { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '../../../common/catalog-errors';

/** The IANA zone the transaction's tenant reads local times in. */
export async function tenantZone(manager: EntityManager, tenantId: string): Promise<string> {
  const rows: { timezone: string }[] = await manager.query(`SELECT timezone FROM tenants WHERE id = $1`, [
    tenantId,
  ]);
  if (!rows[0]) throw new ResourceNotFoundError('tenant');
  return rows[0].timezone;
}
