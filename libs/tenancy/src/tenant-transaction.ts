import { DataSource, EntityManager } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { CommitOutcomeUnknownError, isNeverSent, retryTransient } from '@respire/platform';
import { TenantContext } from './tenant-context';

/**
 * How long a transaction is tried again while the database is unreachable (a PostgreSQL restart
 * takes a few seconds) or it lost a serialization, deadlock or lock-timeout race. Past it the
 * caller answers 503 with Retry-After.
 */
export const TRANSACTION_RETRY_BUDGET_MS = 6_000;

/**
 * Runs `work` in a transaction, and again in a new one when it failed for a transient reason
 * before COMMIT (the first attempt rolled back, so nothing is done twice). A failure during
 * COMMIT leaves the outcome unknown: it is rethrown as CommitOutcomeUnknownError, never retried.
 * `work` must keep its effects in the database (or register them with afterCommit).
 */
export async function runTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return retryTransient(
    async () => {
      let committing = false;
      try {
        const run = async (manager: EntityManager) => {
          const result = await work(manager);
          committing = true;
          return result;
        };
        // READ COMMITTED is PostgreSQL's default: asking for it would cost a round trip per transaction.
        return await (isolationLevel === 'READ COMMITTED'
          ? dataSource.transaction(run)
          : dataSource.transaction(isolationLevel, run));
      } catch (error) {
        // A COMMIT refused before it was sent (the connection already lost) did not commit.
        throw committing && !isNeverSent(error) ? new CommitOutcomeUnknownError(error) : error;
      }
    },
    { budgetMs: TRANSACTION_RETRY_BUDGET_MS },
  );
}

/**
 * Opens a transaction in which row-level security sees only `tenantId`'s rows:
 * `set_config(…, true)` is `SET LOCAL`, so the setting dies with the transaction and a pooled
 * connection never carries one tenant into another's work. Retried as runTransaction says.
 */
export async function runInTenantTransaction<T>(
  dataSource: DataSource,
  tenantId: string,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return TenantContext.run(tenantId, () =>
    runWithLocalSetting(dataSource, 'app.tenant_id', tenantId, work, isolationLevel),
  );
}

/** For a transaction opened elsewhere (e.g. by the event consumer). */
export async function setTenantForTransaction(manager: EntityManager, tenantId: string): Promise<void> {
  await setLocal(manager, 'app.tenant_id', tenantId);
}

/**
 * Opens a read transaction for a funder: no tenant is set, `app.region` is, so row-level security
 * shows the rows of the region's tenants through the `region_read` policies and nothing else.
 */
export async function runInRegionTransaction<T>(
  dataSource: DataSource,
  region: string,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  return runWithLocalSetting(dataSource, 'app.region', region, work, isolationLevel);
}

type ScopeSetting = 'app.tenant_id' | 'app.region';

/** `SET LOCAL` of a row-level-security setting: it dies with the transaction. */
async function setLocal(manager: EntityManager, setting: ScopeSetting, value: string): Promise<void> {
  await manager.query(`SELECT set_config($1, $2, true)`, [setting, value]);
}

/** A transaction (retried as runTransaction says) whose work sees the rows `setting` opens. */
function runWithLocalSetting<T>(
  dataSource: DataSource,
  setting: ScopeSetting,
  value: string,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel: IsolationLevel,
): Promise<T> {
  return runTransaction(
    dataSource,
    async (manager) => {
      await setLocal(manager, setting, value);
      return work(manager);
    },
    isolationLevel,
  );
}
