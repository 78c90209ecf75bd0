import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, postgresErrorOf } from '@respire/platform';
import {
  runInTenantTransaction,
  runTransaction,
  setTenantForTransaction,
  TenantContext,
} from '@respire/tenancy';
import { CatalogConflictError, ResourceNotFoundError } from './catalog-errors';

/** Human words for the unique constraints a coordinator can run into. */
const UNIQUE_MESSAGES: Record<string, { code: string; message: string }> = {
  tenants_slug_key: { code: 'tenant_slug_taken', message: 'Une CPTS utilise déjà cet identifiant (slug)' },
  venues_name_uq: { code: 'venue_name_taken', message: 'Un lieu porte déjà ce nom' },
  activities_title_uq: {
    code: 'activity_title_taken',
    message: 'Une activité de ce programme porte déjà ce titre',
  },
  sessions_activity_start_uq: {
    code: 'session_already_exists',
    message: 'Une séance de cette activité commence déjà à cette heure',
  },
};

/**
 * Every catalog transaction runs here: in the tenant's row-level-security scope, with the
 * database's refusals turned into answers a client can act on (409 for a duplicate, 404 when
 * the token's tenant does not exist) rather than 500s.
 */
@Injectable()
export class CatalogDatabase {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await runInTenantTransaction(this.dataSource, tenantId, work);
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }
}

/**
 * For public routes: finds the tenant first (e.g. by slug, through an owner function) and then
 * works in its row-level-security scope — one transaction, one round trip less.
 * `findTenant` returning null answers null without running `work`.
 */
export async function inTenantFoundBy<T>(
  db: CatalogDatabase,
  findTenant: (manager: EntityManager) => Promise<string | null>,
  work: (manager: EntityManager, tenantId: string) => Promise<T>,
): Promise<T | null> {
  try {
    return await runTransaction(db.dataSource, async (manager) => {
      const tenantId = await findTenant(manager);
      if (!tenantId) return null;
      await setTenantForTransaction(manager, tenantId);
      return TenantContext.run(tenantId, () => work(manager, tenantId));
    });
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

export function translateDatabaseError(error: unknown): unknown {
  const pg = postgresErrorOf(error);
  const constraint = pg?.constraint ?? '';
  if (isUniqueViolation(error)) {
    const known = UNIQUE_MESSAGES[constraint];
    return new CatalogConflictError(known?.code ?? 'duplicate', known?.message ?? 'Cela existe déjà', {
      constraint,
    });
  }
  // Only the tenant reference can fail here: the use cases check every other reference first.
  if (pg?.code === '23503' && constraint.endsWith('tenant_id_fkey'))
    return new ResourceNotFoundError('tenant');
  return error;
}
