import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from './tenant-transaction';

/**
 * Runs `batch` in a transaction of each tenant in turn, again for the same tenant while it
 * answers a full batch (`size`): retention jobs delete a bounded number of rows per transaction.
 * Answers how many rows all the batches counted.
 */
export async function inTenantBatches(
  dataSource: DataSource,
  tenantIds: readonly string[],
  size: number,
  batch: (manager: EntityManager, tenantId: string) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const tenantId of tenantIds) {
    for (;;) {
      const count = await runInTenantTransaction(dataSource, tenantId, (manager) => batch(manager, tenantId));
      total += count;
      if (count < size) break;
    }
  }
  return total;
}
