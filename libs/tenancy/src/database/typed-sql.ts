import {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Expression,
  ExpressionBuilder,
  Kysely,
  OnConflictDatabase,
  OnConflictTables,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  QueryResult,
  RawBuilder,
  sql,
  UpdateType,
} from 'kysely';
import { EntityManager, QueryRunner } from 'typeorm';

/**
 * A service's typed SQL: `db(manager)` is a Kysely query builder over the service's generated
 * table types (`DB`) whose queries run on `manager`'s connection, so inside the transaction
 * `runInTenantTransaction` opened, with its `app.tenant_id` and therefore its row-level security.
 * Kysely never opens a connection or a transaction of its own.
 */
export type TypedSql<DB> = (manager: EntityManager) => Kysely<DB>;

export function typedSql<DB>(): TypedSql<DB> {
  // One builder per manager (a transaction's manager lives as long as the transaction).
  const builders = new WeakMap<EntityManager, Kysely<DB>>();
  return (manager) => {
    let db = builders.get(manager);
    if (!db) {
      db = new Kysely<DB>({ dialect: managerDialect(manager) });
      builders.set(manager, db);
    }
    return db;
  };
}

/**
 * A value for a jsonb column. Always write jsonb through it: node-postgres sends a JavaScript
 * array as a PostgreSQL array literal, not as JSON.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`${JSON.stringify(value)}::jsonb`;
}

/**
 * The part of an upsert's `DO UPDATE SET` that takes each of these columns from the row just
 * proposed: `doUpdateSet((eb) => ({ ...excludedValues(eb, ['name', 'timezone']), updated_at: … }))`
 * sets `name = "excluded"."name", timezone = "excluded"."timezone"`.
 */
export function excludedValues<D, TB extends keyof D & string, C extends keyof D[TB] & string>(
  eb: ExpressionBuilder<OnConflictDatabase<D, TB>, OnConflictTables<TB>>,
  columns: readonly C[],
): ExcludedValues<D[TB], C> {
  const values = columns.map((column) => [column, eb.ref(`excluded.${column}` as never)]);
  return Object.fromEntries(values) as unknown as ExcludedValues<D[TB], C>;
}

type ExcludedValues<Row, C extends keyof Row> = { [K in C]: Expression<UpdateType<Row[K]>> };

function managerDialect(manager: EntityManager): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new ManagerDriver(manager),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

class ManagerDriver implements Driver {
  private readonly connection: ManagerConnection;

  constructor(manager: EntityManager) {
    this.connection = new ManagerConnection(manager);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    throw new Error(
      'typed SQL runs in the caller’s transaction (runInTenantTransaction): it opens none of its own',
    );
  }

  async commitTransaction(): Promise<void> {
    throw new Error('typed SQL never commits: the caller’s transaction does');
  }

  async rollbackTransaction(): Promise<void> {
    throw new Error('typed SQL never rolls back: the caller’s transaction does');
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

class ManagerConnection implements DatabaseConnection {
  constructor(private readonly manager: EntityManager) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const runner = this.manager.queryRunner;
    if (runner && !runner.isReleased) return run<R>(runner, query);
    // A manager outside any transaction (dataSource.manager): one pooled connection for the query.
    const own = this.manager.connection.createQueryRunner();
    try {
      return await run<R>(own, query);
    } finally {
      await own.release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('typed SQL does not stream rows');
  }
}

async function run<R>(runner: QueryRunner, query: CompiledQuery): Promise<QueryResult<R>> {
  // The structured result has the rows and the affected count for every command, where the plain
  // one answers `[rows, count]` for UPDATE and DELETE only.
  const result = await runner.query(query.sql, [...query.parameters], true);
  return {
    rows: result.records as R[],
    ...(typeof result.affected === 'number' ? { numAffectedRows: BigInt(result.affected) } : {}),
  };
}
