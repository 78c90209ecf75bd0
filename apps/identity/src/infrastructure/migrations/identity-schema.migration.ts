import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createSignInFunctions,
  createSignInTables,
  dropSignIn,
  isolateSignIn,
  STAFF_ACCOUNTS,
} from './sign-in-tables';

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
    await createSignInTables(q, STAFF_ACCOUNTS);

    await isolateSignIn(q, STAFF_ACCOUNTS, ['tenants', 'staff']);
    // tenants is only written by the consumer, inside the tenant's own scope: FORCE it too.
    await q.query(`ALTER TABLE tenants FORCE ROW LEVEL SECURITY`);

    await createSignInFunctions(q, STAFF_ACCOUNTS);

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
    await dropSignIn(q, STAFF_ACCOUNTS);
    await q.query(`DROP TABLE IF EXISTS staff`);
    await q.query(`DROP TABLE IF EXISTS tenants`);
  }
}
