import { DataSource, EntityManager } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { TenantContext } from './tenant-context';

/**
 * Opens a transaction in which row-level security sees only `tenantId`'s rows:
 * `set_config(…, true)` is `SET LOCAL`, so the setting dies with the transaction and a pooled
 * connection never carries one tenant into another's work.
 */
export async function runInTenantTransaction<T>(
  dataSource: DataSource,
  tenantId: string,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return TenantContext.run(tenantId, () =>
    dataSource.transaction(isolationLevel, async (manager) => {
      await setTenantForTransaction(manager, tenantId);
      return work(manager);
    }),
  );
}

/** For a transaction opened elsewhere (e.g. by the event consumer). */
export async function setTenantForTransaction(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
}
