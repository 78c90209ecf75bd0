import { MigrationInterface, QueryRunner } from 'typeorm';
import { REGION_CODES } from '@respire/contracts';
import { createRegionFunction } from '@respire/tenancy';

/**
 * Funder accounts (an ARS): scoped to a region, never to a tenant. The staff tables' rules apply
 * with the region in place of the tenant: every table is keyed by `region` under a row-level
 * security policy on the transaction's `app.region`, so a transaction with no region sees
 * nothing, and tenant transactions (which set no region) see no funder. The three questions asked
 * before the region is known — which funder accounts an address has, which account a link opens,
 * which region a session cookie belongs to — are answered by three narrow SECURITY DEFINER
 * functions, as for staff; secrets are stored as SHA-256 hashes only.
 */
export class FunderAccounts1764700000000 implements MigrationInterface {
  name = 'FunderAccounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await createRegionFunction(q);
    const regions = REGION_CODES.map((code) => `'${code}'`).join(', ');
    await q.query(`
      CREATE TABLE funders (
        region          text NOT NULL CHECK (region IN (${regions})),
        id              uuid NOT NULL,
        email           text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        name            text NOT NULL CHECK (length(name) > 0),
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        last_sign_in_at timestamptz,
        PRIMARY KEY (region, id),
        CONSTRAINT funders_email_uq UNIQUE (region, email)
      )`);
    await q.query(`CREATE INDEX funders_email_idx ON funders (email)`);
    await q.query(`
      CREATE TABLE funder_sign_in_links (
        region     text NOT NULL,
        token_hash bytea NOT NULL,
        funder_id  uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        PRIMARY KEY (region, token_hash),
        FOREIGN KEY (region, funder_id) REFERENCES funders (region, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX funder_sign_in_links_hash_uq ON funder_sign_in_links (token_hash)`);
    await q.query(
      `CREATE INDEX funder_sign_in_links_funder_idx ON funder_sign_in_links (region, funder_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE funder_sessions (
        region       text NOT NULL,
        id           uuid NOT NULL,
        funder_id    uuid NOT NULL,
        token_hash   bytea NOT NULL,
        csrf_hash    bytea NOT NULL,
        user_agent   text,
        created_at   timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        PRIMARY KEY (region, id),
        FOREIGN KEY (region, funder_id) REFERENCES funders (region, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX funder_sessions_hash_uq ON funder_sessions (token_hash)`);
    await q.query(`CREATE INDEX funder_sessions_funder_idx ON funder_sessions (region, funder_id)`);

    for (const table of ['funders', 'funder_sign_in_links', 'funder_sessions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY region_isolation ON ${table}
          USING (region = app_current_region())
          WITH CHECK (region = app_current_region())`);
    }

    await q.query(`
      CREATE FUNCTION funder_accounts_by_email(p_email text)
        RETURNS TABLE (region text, funder_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT region, id FROM public.funders WHERE email = lower(p_email) ORDER BY region $$`);
    // Single use by construction, as sign_in_link_consume.
    await q.query(`
      CREATE FUNCTION funder_sign_in_link_consume(p_hash bytea, p_now timestamptz)
        RETURNS TABLE (region text, funder_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ UPDATE public.funder_sign_in_links SET used_at = p_now
                WHERE token_hash = p_hash AND used_at IS NULL AND expires_at > p_now
            RETURNING region, funder_id $$`);
    await q.query(`
      CREATE FUNCTION funder_session_region(p_hash bytea)
        RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT region FROM public.funder_sessions WHERE token_hash = p_hash $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS funder_session_region(bytea)`);
    await q.query(`DROP FUNCTION IF EXISTS funder_sign_in_link_consume(bytea, timestamptz)`);
    await q.query(`DROP FUNCTION IF EXISTS funder_accounts_by_email(text)`);
    await q.query(`DROP TABLE IF EXISTS funder_sessions`);
    await q.query(`DROP TABLE IF EXISTS funder_sign_in_links`);
    await q.query(`DROP TABLE IF EXISTS funders`);
  }
}
