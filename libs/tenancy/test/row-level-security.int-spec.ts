import { v7 as uuidv7 } from 'uuid';
import { testInfrastructure, testMigration, useTestDatabase } from '@respire/testing';
import {
  createTenantFunction,
  enableTenantRowLevelSecurity,
  runInTenantTransaction,
  TenantContext,
} from '../src';

const TenantNotes = testMigration(
  'TenantNotes1763900000010',
  [
    createTenantFunction,
    `CREATE TABLE notes (tenant_id uuid NOT NULL, id uuid NOT NULL, body text NOT NULL, PRIMARY KEY (tenant_id, id))`,
    (queryRunner) => enableTenantRowLevelSecurity(queryRunner, 'notes'),
  ],
  `DROP TABLE notes`,
);

describe('row-level security (real PostgreSQL, app role)', () => {
  const tenantA = uuidv7();
  const tenantB = uuidv7();
  const db = useTestDatabase([TenantNotes]);

  beforeAll(async () => {
    for (const [tenant, body] of [
      [tenantA, 'A1'],
      [tenantA, 'A2'],
      [tenantB, 'B1'],
    ]) {
      await runInTenantTransaction(db.app, tenant, (m) =>
        m.query(`INSERT INTO notes (tenant_id, id, body) VALUES ($1, $2, $3)`, [tenant, uuidv7(), body]),
      );
    }
  });

  it('connects as a role that is neither owner nor BYPASSRLS nor superuser', async () => {
    const [role] = await db.app.query(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [owner] = await db.app.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'notes'`);
    expect(owner.tableowner).not.toBe(testInfrastructure.appRole);
  });

  it('shows a query that forgets the tenant filter only the current tenant’s rows', async () => {
    const rows = await runInTenantTransaction(db.app, tenantA, (m) =>
      m.query(`SELECT body FROM notes ORDER BY body`),
    );
    expect(rows.map((r: { body: string }) => r.body)).toEqual(['A1', 'A2']);
  });

  it('shows nothing when no tenant is set', async () => {
    expect(await db.app.query(`SELECT body FROM notes`)).toEqual([]);
    const inTransaction = await db.app.transaction((m) => m.query(`SELECT body FROM notes`));
    expect(inTransaction).toEqual([]);
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      runInTenantTransaction(db.app, tenantA, (m) =>
        m.query(`INSERT INTO notes (tenant_id, id, body) VALUES ($1, $2, 'x')`, [tenantB, uuidv7()]),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await runInTenantTransaction(db.app, tenantA, (m) =>
      m.query(`UPDATE notes SET body = 'hacked' WHERE tenant_id = $1`, [tenantB]),
    );
    expect(updated[1]).toBe(0);
  });

  it('does not leak the tenant setting to the next transaction on a pooled connection', async () => {
    await runInTenantTransaction(db.app, tenantA, (m) => m.query(`SELECT 1`));
    const [setting] = await db.app.query(`SELECT current_setting('app.tenant_id', true) AS value`);
    expect(setting.value ?? '').toBe('');
  });

  it('exposes the tenant to code running inside the transaction, and throws outside', async () => {
    await runInTenantTransaction(db.app, tenantB, async () => expect(TenantContext.current()).toBe(tenantB));
    expect(() => TenantContext.current()).toThrow(/No tenant in context/);
  });
});
