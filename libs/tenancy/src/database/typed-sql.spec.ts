import { EntityManager, QueryRunner } from 'typeorm';
import { excludedValues, typedSql } from './typed-sql';

interface Db {
  notes: { tenant_id: string; id: string; body: string };
}

/** TypeORM's side of the seam: what a QueryRunner answers for a structured query. */
function recordingRunner(records: unknown[], affected?: number) {
  const calls: { sql: string; parameters: unknown[]; structured: boolean }[] = [];
  const runner = {
    isReleased: false,
    released: 0,
    async query(sql: string, parameters: unknown[], structured: boolean) {
      calls.push({ sql, parameters, structured });
      return { records, affected, raw: records };
    },
    async release() {
      runner.released += 1;
    },
  };
  return { runner, calls };
}

describe('typedSql', () => {
  const db = typedSql<Db>();

  it('runs the compiled query on the transaction’s query runner, parameters bound, rows typed', async () => {
    const { runner, calls } = recordingRunner([{ body: 'hello' }]);
    const manager = { queryRunner: runner } as unknown as EntityManager;
    const rows = await db(manager)
      .selectFrom('notes')
      .select('body')
      .where('tenant_id', '=', 't1')
      .where('id', 'in', ['a', 'b'])
      .execute();
    const body: string = rows[0].body;
    expect(body).toBe('hello');
    expect(calls).toEqual([
      {
        sql: 'select "body" from "notes" where "tenant_id" = $1 and "id" in ($2, $3)',
        parameters: ['t1', 'a', 'b'],
        structured: true,
      },
    ]);
    expect(runner.released).toBe(0);
  });

  it('gives the affected count of an UPDATE without RETURNING', async () => {
    const { runner } = recordingRunner([], 3);
    const manager = { queryRunner: runner } as unknown as EntityManager;
    const result = await db(manager)
      .updateTable('notes')
      .set({ body: 'x' })
      .where('tenant_id', '=', 't1')
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(3n);
  });

  it('outside a transaction takes one pooled connection for the query and gives it back', async () => {
    const { runner, calls } = recordingRunner([]);
    const manager = {
      queryRunner: undefined,
      connection: { createQueryRunner: () => runner },
    } as unknown as EntityManager;
    await db(manager).selectFrom('notes').selectAll().execute();
    expect(calls).toHaveLength(1);
    expect(runner.released).toBe(1);
  });

  it('keeps one builder per manager', () => {
    const manager = { queryRunner: recordingRunner([]).runner as unknown as QueryRunner } as EntityManager;
    expect(db(manager)).toBe(db(manager));
  });

  it('writes an upsert’s excluded columns as each one’s own eb.ref would', () => {
    const manager = { queryRunner: recordingRunner([]).runner as unknown as QueryRunner } as EntityManager;
    const upsert = db(manager).insertInto('notes').values({ tenant_id: 't1', id: 'a', body: 'x' });
    const byHand = upsert.onConflict((conflict) =>
      conflict.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })),
    );
    const withHelper = upsert.onConflict((conflict) =>
      conflict.columns(['tenant_id', 'id']).doUpdateSet((eb) => excludedValues(eb, ['body'])),
    );
    expect(withHelper.compile().sql).toBe(byHand.compile().sql);
    expect(withHelper.compile().sql).toContain('do update set "body" = "excluded"."body"');
  });
});
