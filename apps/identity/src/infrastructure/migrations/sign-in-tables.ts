// Applied migrations build their tables with these functions: what they send must stay the same
// to the letter (a change of schema is a new migration with its own SQL).
import { QueryRunner } from 'typeorm';

/** One kind of account that signs in by a mailed link. */
export interface SignInAccounts {
  /**
   * What every row belongs to: a tenant (key `tenant_id uuid`, policy `tenant_isolation`) or a
   * region (key `region text`, policy `region_isolation`).
   */
  scope: 'tenant' | 'region';
  /** The account's name: its id column is `<name>_id`, its sessions' table `<name>_sessions`. */
  account: 'staff' | 'funder';
  /** The accounts' table. */
  table: 'staff' | 'funders';
  /** The links' table (staff, the first, took the plain name); `<link>_consume` uses one. */
  links: 'sign_in_links' | 'funder_sign_in_links';
}

export const STAFF_ACCOUNTS: SignInAccounts = {
  scope: 'tenant',
  account: 'staff',
  table: 'staff',
  links: 'sign_in_links',
};
export const FUNDER_ACCOUNTS: SignInAccounts = {
  scope: 'region',
  account: 'funder',
  table: 'funders',
  links: 'funder_sign_in_links',
};

/** The names `SignInAccounts` gives. */
function named(a: SignInAccounts) {
  const column = a.scope === 'tenant' ? 'tenant_id' : 'region';
  return {
    column,
    type: a.scope === 'tenant' ? 'uuid' : 'text',
    idColumn: `${a.account}_id`,
    sessions: `${a.account}_sessions`,
    accountsByEmail: `${a.account}_accounts_by_email`,
    linkConsume: `${a.links.replace(/s$/, '')}_consume`,
    sessionScope: `${a.account}_session_${a.scope}`,
  };
}

/**
 * The sign-in links and sessions of the accounts: secrets stored as SHA-256 hashes only, each row
 * keyed by the scope and removed with its account, each hash unique over all scopes (it is looked
 * up before the scope is known).
 */
export async function createSignInTables(q: QueryRunner, a: SignInAccounts): Promise<void> {
  const { column, type, idColumn, sessions } = named(a);
  const foreignKey = `FOREIGN KEY (${column}, ${idColumn}) REFERENCES ${a.table} (${column}, id) ON DELETE CASCADE`;
  const account = a.account;
  await q.query(`
      CREATE TABLE ${a.links} (
        ${column.padEnd(10)} ${type} NOT NULL,
        token_hash bytea NOT NULL,
        ${idColumn.padEnd(10)} uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        PRIMARY KEY (${column}, token_hash),
        ${foreignKey}
      )`);
  await q.query(`CREATE UNIQUE INDEX ${a.links}_hash_uq ON ${a.links} (token_hash)`);
  await q.query(`CREATE INDEX ${a.links}_${account}_idx ON ${a.links} (${column}, ${idColumn}, created_at)`);
  await q.query(`
      CREATE TABLE ${sessions} (
        ${column.padEnd(12)} ${type} NOT NULL,
        id           uuid NOT NULL,
        ${idColumn.padEnd(12)} uuid NOT NULL,
        token_hash   bytea NOT NULL,
        csrf_hash    bytea NOT NULL,
        user_agent   text,
        created_at   timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        PRIMARY KEY (${column}, id),
        ${foreignKey}
      )`);
  await q.query(`CREATE UNIQUE INDEX ${sessions}_hash_uq ON ${sessions} (token_hash)`);
  await q.query(`CREATE INDEX ${sessions}_${account}_idx ON ${sessions} (${column}, ${idColumn})`);
}

/**
 * Row-level security on the accounts' `tables`, the links and the sessions (ENABLE without FORCE:
 * the SECURITY DEFINER functions, owned by the migration role, read across scopes): a transaction
 * sees and writes only its scope's rows.
 */
export async function isolateSignIn(q: QueryRunner, a: SignInAccounts, tables: string[]): Promise<void> {
  const { column, sessions } = named(a);
  for (const table of [...tables, a.links, sessions]) {
    await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await q.query(`
        CREATE POLICY ${a.scope}_isolation ON ${table}
          USING (${column} = app_current_${a.scope}())
          WITH CHECK (${column} = app_current_${a.scope}())`);
  }
}

/**
 * The three questions asked before the scope is known, as narrow SECURITY DEFINER functions: which
 * accounts an address has, which account a link opens, which scope a session cookie belongs to.
 */
export async function createSignInFunctions(q: QueryRunner, a: SignInAccounts): Promise<void> {
  const { column, type, idColumn, sessions, accountsByEmail, linkConsume, sessionScope } = named(a);
  const { table } = a;
  const definer = 'SECURITY DEFINER SET search_path = pg_catalog, public';
  await q.query(`
      CREATE FUNCTION ${accountsByEmail}(p_email text)
        RETURNS TABLE (${column} ${type}, ${idColumn} uuid)
        LANGUAGE sql STABLE ${definer}
        AS $$ SELECT ${column}, id FROM public.${table} WHERE email = lower(p_email) ORDER BY ${column} $$`);
  // Single use by construction: the UPDATE marks the link used, and only an unused, unexpired
  // link is returned; two concurrent uses cannot both see used_at IS NULL.
  await q.query(`
      CREATE FUNCTION ${linkConsume}(p_hash bytea, p_now timestamptz)
        RETURNS TABLE (${column} ${type}, ${idColumn} uuid)
        LANGUAGE sql VOLATILE ${definer}
        AS $$ UPDATE public.${a.links} SET used_at = p_now
                WHERE token_hash = p_hash AND used_at IS NULL AND expires_at > p_now
            RETURNING ${column}, ${idColumn} $$`);
  await q.query(`
      CREATE FUNCTION ${sessionScope}(p_hash bytea)
        RETURNS ${type}
        LANGUAGE sql STABLE ${definer}
        AS $$ SELECT ${column} FROM public.${sessions} WHERE token_hash = p_hash $$`);
}

/** Undoes `createSignInFunctions` and `createSignInTables`. */
export async function dropSignIn(q: QueryRunner, a: SignInAccounts): Promise<void> {
  const { sessions, accountsByEmail, linkConsume, sessionScope } = named(a);
  await q.query(`DROP FUNCTION IF EXISTS ${sessionScope}(bytea)`);
  await q.query(`DROP FUNCTION IF EXISTS ${linkConsume}(bytea, timestamptz)`);
  await q.query(`DROP FUNCTION IF EXISTS ${accountsByEmail}(text)`);
  await q.query(`DROP TABLE IF EXISTS ${sessions}`);
  await q.query(`DROP TABLE IF EXISTS ${a.links}`);
}
