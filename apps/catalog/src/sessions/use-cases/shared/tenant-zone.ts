import { EntityManager } from 'typeorm';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { db } from '../../../infrastructure/db';

/** The IANA zone the transaction's tenant reads local times in. */
export async function tenantZone(manager: EntityManager, tenantId: string): Promise<string> {
  const row = await db(manager)
    .selectFrom('tenants')
    .select('timezone')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!row) throw new ResourceNotFoundError('tenant');
  return row.timezone;
}
