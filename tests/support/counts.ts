import { waitFor, WaitOptions } from '@respire/testing';

/** What runs SQL: a TypeORM data source. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<{ n: number }[]>;
}

/** The count a `SELECT count(*)::int AS n …` answers. */
export async function countOf(db: Queryable, sql: string, parameters: unknown[] = []): Promise<number> {
  return (await db.query(sql, parameters))[0].n;
}

/**
 * Waits until `SELECT count(*)::int AS n …` answers a count `done` accepts (a state a service
 * reaches from events), and answers it.
 */
export function waitForCount(
  db: Queryable,
  sql: string,
  parameters: unknown[],
  done: (n: number) => boolean,
  options: WaitOptions,
): Promise<number> {
  return waitFor(() => countOf(db, sql, parameters), done, options);
}

/**
 * Waits until each service's database holds every one of the sessions, which it learns from
 * catalog's events: before that, it would refuse a registration for an unknown session.
 */
export async function waitUntilSessionsKnown(
  owners: Partial<Record<'registration' | 'notifications', Queryable>>,
  sessionIds: string[],
  timeoutMs = 60_000,
): Promise<void> {
  for (const [service, db] of Object.entries(owners)) {
    await waitForCount(
      db,
      `SELECT count(*)::int AS n FROM session WHERE id = ANY($1::uuid[])`,
      [sessionIds],
      (n) => n === sessionIds.length,
      { what: `${service} to know the ${sessionIds.length} session(s)`, timeoutMs },
    );
  }
}
