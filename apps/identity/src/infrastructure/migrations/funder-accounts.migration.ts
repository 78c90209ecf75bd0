import { MigrationInterface, QueryRunner } from 'typeorm';
import { REGION_CODES } from '@respire/contracts';
import { createRegionFunction } from '@respire/tenancy';
import {
  createSignInFunctions,
  createSignInTables,
  dropSignIn,
  isolateSignIn,
  FUNDER_ACCOUNTS,
} from './sign-in-tables';

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
    await createSignInTables(q, FUNDER_ACCOUNTS);

    await isolateSignIn(q, FUNDER_ACCOUNTS, ['funders']);
    await createSignInFunctions(q, FUNDER_ACCOUNTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropSignIn(q, FUNDER_ACCOUNTS);
    await q.query(`DROP TABLE IF EXISTS funders`);
  }
}
