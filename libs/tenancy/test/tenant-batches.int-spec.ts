import { v7 as uuidv7 } from 'uuid';
import { testMigration, useTestDatabase } from '@respire/testing';
import {
  createTenantFunction,
  directoryTenantIds,
  enableTenantRowLevelSecurity,
  inTenantBatches,
  runInTenantTransaction,
} from '../src';

const BatchNotes = testMigration(
  'BatchNotes1763900000012',
  [
    createTenantFunction,
    `CREATE TABLE tenant_directory (tenant_id uuid PRIMARY KEY)`,
    `CREATE TABLE notes (tenant_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (tenant_id, id))`,
    (queryRunner) => enableTenantRowLevelSecurity(queryRunner, 'notes'),
  ],
  `DROP TABLE notes; DROP TABLE tenant_directory`,
);

describe('work in batches, tenant by tenant (real PostgreSQL, app role)', () => {
  const [first, second] = [uuidv7(), uuidv7()].sort();
  const database = useTestDatabase([BatchNotes]);

  beforeAll(async () => {
    await database.owner.query(`INSERT INTO tenant_directory (tenant_id) VALUES ($1), ($2)`, [second, first]);
    for (const [tenant, notes] of [
      [first, 5],
      [second, 2],
    ] as const) {
      for (let i = 0; i < notes; i++)
        await runInTenantTransaction(database.app, tenant, (m) =>
          m.query(`INSERT INTO notes (tenant_id, id) VALUES ($1, $2)`, [tenant, uuidv7()]),
        );
    }
  });
  it('lists the directory’s tenants in id order', async () => {
    expect(await directoryTenantIds(database.owner.manager)).toEqual([first, second]);
  });

  it('runs a batch again while it is full, in the tenant’s own scope, and adds up the counts', async () => {
    const seen: [string, number][] = [];
    const deleted = await inTenantBatches(database.app, [first, second], 2, async (manager, tenantId) => {
      const [{ n }]: { n: number }[] = await manager.query(
        `WITH gone AS (DELETE FROM notes WHERE id IN (SELECT id FROM notes LIMIT 2) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
      );
      seen.push([tenantId, n]);
      return n;
    });
    expect(deleted).toBe(7);
    expect(seen).toEqual([
      [first, 2],
      [first, 2],
      [first, 1],
      [second, 2],
      [second, 0],
    ]);
  });
});
