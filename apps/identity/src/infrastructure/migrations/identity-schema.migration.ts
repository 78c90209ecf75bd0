import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity schema.
 *
 * Every tenant-owned table has row-level security on `tenant_id` (the app role sees only the
 * transaction's tenant). Three questions come before anyone knows the tenant — which accounts an
 * e-mail address has, which account a sign-in link opens, which tenant a session cookie belongs
 * to — so those tables ENABLE row-level security without FORCE, and three narrow SECURITY DEFINER
 * functions owned by the migration role answer exactly those questions (as catalog's
 * `tenant_id_by_slug`). Secrets (link and session tokens, CSRF tokens) are stored as SHA-256
 * hashes only.
 */
export class IdentitySchema1764500000000 implements MigrationInterface {
  name = 'IdentitySchema1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        tenant_id    uuid PRIMARY KEY,
        slug         text,
        name         text,
        sender_email text,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE staff (
        tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
        id             uuid NOT NULL,
        email          text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        name           text NOT NULL CHECK (length(name) > 0),
        roles          text[] NOT NULL
                         CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['coordinator', 'facilitator']::text[]),
        facilitator_id uuid,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        last_sign_in_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT staff_email_uq UNIQUE (tenant_id, email)
      )`);
    await q.query(`CREATE INDEX staff_email_idx ON staff (email)`);
    await q.query(`
      CREATE TABLE sign_in_links (
        tenant_id  uuid NOT NULL,
        token_hash bytea NOT NULL,
        staff_id   uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        PRIMARY KEY (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX sign_in_links_hash_uq ON sign_in_links (token_hash)`);
    await q.query(`CREATE INDEX sign_in_links_staff_idx ON sign_in_links (tenant_id, staff_id, created_at)`);
    await q.query(`
      CREATE TABLE staff_sessions (
        tenant_id    uuid NOT NULL,
        id           uuid NOT NULL,
        staff_id     uuid NOT NULL,
        token_hash   bytea NOT NULL,
        csrf_hash    bytea NOT NULL,
        user_agent   text,
        created_at   timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_sessions_hash_uq ON staff_sessions (token_hash)`);
    await q.query(`CREATE INDEX staff_sessions_staff_idx ON staff_sessions (tenant_id, staff_id)`);

    for (const table of ['tenants', 'staff', 'sign_in_links', 'staff_sessions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    // tenants is only written by the consumer, inside the tenant's own scope: FORCE it too.
    await q.query(`ALTER TABLE tenants FORCE ROW LEVEL SECURITY`);

    await q.query(`
      CREATE FUNCTION staff_accounts_by_email(p_email text)
        RETURNS TABLE (tenant_id uuid, staff_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT tenant_id, id FROM public.staff WHERE email = lower(p_email) ORDER BY tenant_id $$`);
    // Single use by construction: the UPDATE marks the link used, and only an unused, unexpired
    // link is returned; two concurrent uses cannot both see used_at IS NULL.
    await q.query(`
      CREATE FUNCTION sign_in_link_consume(p_hash bytea, p_now timestamptz)
        RETURNS TABLE (tenant_id uuid, staff_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ UPDATE public.sign_in_links SET used_at = p_now
                WHERE token_hash = p_hash AND used_at IS NULL AND expires_at > p_now
            RETURNING tenant_id, staff_id $$`);
    await q.query(`
      CREATE FUNCTION staff_session_tenant(p_hash bytea)
        RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT tenant_id FROM public.staff_sessions WHERE token_hash = p_hash $$`);

    // Development only (see dev-signing-keys.ts); production keys come from a Secret.
    await q.query(`
      CREATE TABLE dev_signing_keys (
        id          text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS dev_signing_keys`);
    await q.query(`DROP FUNCTION IF EXISTS staff_session_tenant(bytea)`);
    await q.query(`DROP FUNCTION IF EXISTS sign_in_link_consume(bytea, timestamptz)`);
    await q.query(`DROP FUNCTION IF EXISTS staff_accounts_by_email(text)`);
    await q.query(`DROP TABLE IF EXISTS staff_sessions`);
    await q.query(`DROP TABLE IF EXISTS sign_in_links`);
    await q.query(`DROP TABLE IF EXISTS staff`);
    await q.query(`DROP TABLE IF EXISTS tenants`);
  }
}
