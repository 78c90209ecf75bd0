import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { testMigration, useTestDatabase } from '@respire/testing';
import { createTenantFunction, enableTenantRowLevelSecurity, runInTenantTransaction, typedSql } from '../src';

const TypedNotes = testMigration(
  'TypedNotes1763900000011',
  [
    createTenantFunction,
    `CREATE TABLE notes (tenant_id uuid NOT NULL, id uuid NOT NULL, body text NOT NULL, tags text[] NOT NULL DEFAULT '{}',
                         PRIMARY KEY (tenant_id, id))`,
    (queryRunner) => enableTenantRowLevelSecurity(queryRunner, 'notes'),
  ],
  `DROP TABLE notes`,
);

/** What `npm run db:types` would generate for the table above. */
interface NotesDatabase {
  notes: { tenant_id: string; id: string; body: string; tags: string[] };
}

const db = typedSql<NotesDatabase>();

describe('typed SQL on the caller’s transaction (real PostgreSQL, app role)', () => {
  const tenantA = uuidv7();
  const tenantB = uuidv7();
  const database = useTestDatabase([TypedNotes]);

  beforeAll(async () => {
    for (const [tenant, body] of [
      [tenantA, 'A1'],
      [tenantA, 'A2'],
      [tenantB, 'B1'],
    ]) {
      await runInTenantTransaction(database.app, tenant, (m) =>
        db(m)
          .insertInto('notes')
          .values({ tenant_id: tenant, id: uuidv7(), body, tags: ['x', 'y'] })
          .execute(),
      );
    }
  });

  it('runs in the tenant transaction: row-level security shows the tenant’s rows only', async () => {
    const rows = await runInTenantTransaction(database.app, tenantA, (m) =>
      db(m).selectFrom('notes').select(['body', 'tags']).orderBy('body').execute(),
    );
    expect(rows).toEqual([
      { body: 'A1', tags: ['x', 'y'] },
      { body: 'A2', tags: ['x', 'y'] },
    ]);
  });

  it('sees what the same transaction wrote before it, and its work rolls back with it', async () => {
    const id = uuidv7();
    const failing = runInTenantTransaction(database.app, tenantA, async (m) => {
      await m.query(`INSERT INTO notes (tenant_id, id, body) VALUES ($1, $2, 'raw')`, [tenantA, id]);
      const seen = await db(m).selectFrom('notes').select('body').where('id', '=', id).executeTakeFirst();
      expect(seen).toEqual({ body: 'raw' });
      await db(m).updateTable('notes').set({ body: 'typed' }).where('id', '=', id).execute();
      throw new Error('abandon');
    });
    await expect(failing).rejects.toThrow('abandon');
    const after = await runInTenantTransaction(database.app, tenantA, (m) =>
      db(m).selectFrom('notes').select('body').where('id', '=', id).executeTakeFirst(),
    );
    expect(after).toBeUndefined();
  });

  it('counts the rows an UPDATE or DELETE changed, and RETURNING gives the rows', async () => {
    const { updated, returned, deleted } = await runInTenantTransaction(database.app, tenantB, async (m) => {
      const update = await db(m)
        .updateTable('notes')
        .set({ body: 'B1*' })
        .where('body', '=', 'B1')
        .executeTakeFirst();
      const returning = await db(m)
        .updateTable('notes')
        .set({ body: 'B1' })
        .where('body', '=', 'B1*')
        .returning(['body'])
        .execute();
      const deletion = await db(m).deleteFrom('notes').where('body', '=', 'nothing').executeTakeFirst();
      return { updated: update.numUpdatedRows, returned: returning, deleted: deletion.numDeletedRows };
    });
    expect(updated).toBe(1n);
    expect(returned).toEqual([{ body: 'B1' }]);
    expect(deleted).toBe(0n);
  });

  it('binds every value as a parameter, also in raw `sql` fragments', async () => {
    const compiled = db(database.app.manager)
      .selectFrom('notes')
      .select('body')
      .where('tenant_id', '=', tenantA)
      .where(sql<boolean>`lower(body) = lower(${"a1'; --"})`)
      .compile();
    expect(compiled.sql).toBe(
      'select "body" from "notes" where "tenant_id" = $1 and lower(body) = lower($2)',
    );
    expect(compiled.parameters).toEqual([tenantA, "a1'; --"]);
  });

  it('runs on a manager outside any transaction (no tenant: row-level security shows nothing)', async () => {
    expect(await db(database.app.manager).selectFrom('notes').selectAll().execute()).toEqual([]);
  });

  it('refuses to open a transaction of its own', async () => {
    await expect(
      runInTenantTransaction(database.app, tenantA, (m) =>
        db(m)
          .transaction()
          .execute(async () => undefined),
      ),
    ).rejects.toThrow(/caller’s transaction/);
  });
});
