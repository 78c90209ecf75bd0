import {
  CommitOutcomeUnknownError,
  isNeverSent,
  isTransientDatabaseError,
  postgresErrorOf,
  retryTransient,
} from '@respire/platform';
import { TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';

/** Failures the server answered for a statement it rolled back (or never ran): trying again does nothing twice. */
const ROLLED_BACK = new Set(['40001', '40P01', '55P03', '53300', '57P03']);

/** No connection was ever made: the pool could not connect, or timed out waiting for one. */
const NOT_CONNECTED = /ECONNREFUSED|EHOSTUNREACH|EAI_AGAIN|timeout exceeded when trying to connect/i;

function neverConnected(error: unknown): boolean {
  for (
    let e = error as
        { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (NOT_CONNECTED.test(`${String(e.code)} ${String(e.message)}`)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * Runs a write that is one statement in its own implicit transaction (its COMMIT is the end of
 * the statement), again while it fails for a transient reason that proves it was not committed.
 * A connection lost while the statement was on its way leaves the outcome unknown, as for a
 * COMMIT: CommitOutcomeUnknownError, never retried.
 */
export async function singleStatementWrite<T>(write: () => Promise<T>): Promise<T> {
  return retryTransient(
    async () => {
      try {
        return await write();
      } catch (error) {
        if (!isTransientDatabaseError(error)) throw error;
        const code = postgresErrorOf(error)?.code;
        const rolledBack =
          (code !== undefined && ROLLED_BACK.has(code)) || isNeverSent(error) || neverConnected(error);
        throw rolledBack ? error : new CommitOutcomeUnknownError(error);
      }
    },
    { budgetMs: TRANSACTION_RETRY_BUDGET_MS },
  );
}
