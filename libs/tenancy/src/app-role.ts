import { Client } from 'pg';

/**
 * The services connect as a login role that owns nothing and cannot bypass row-level security.
 * Run with the owner's connection after migrations: creates the role if needed (roles are
 * cluster-wide, so concurrent creators are tolerated) and grants it data access in `public`.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Invalid role name: ${role}`);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const passwordClause = password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : '';
    await client.query(`
      DO $$ BEGIN
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${passwordClause};
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(`GRANT CONNECT ON DATABASE "${rows[0].db}" TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`);
  } finally {
    await client.end();
  }
}
