import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { Funders, Staff } from '../infrastructure/database';
import { db } from '../infrastructure/db';

/** Where one kind of account lives: its table, the column of its scope, its owner function by address. */
export interface AccountTable {
  readonly table: 'staff' | 'funders';
  /** A tenant id (staff) or a region code (funders); row-level security narrows every query to one. */
  readonly scope: 'tenant_id' | 'region';
  /** SECURITY DEFINER: the (scope, account id) of every account of an address, before a scope is open. */
  readonly byEmail: 'staff_accounts_by_email' | 'funder_accounts_by_email';
}

export const STAFF_ACCOUNTS: AccountTable = {
  table: 'staff',
  scope: 'tenant_id',
  byEmail: 'staff_accounts_by_email',
};

export const FUNDER_ACCOUNTS: AccountTable = {
  table: 'funders',
  scope: 'region',
  byEmail: 'funder_accounts_by_email',
};

export type AccountRow = Selectable<Staff> | Selectable<Funders>;

/**
 * The accounts of one kind in the transaction's scope: found by id, listed by name, deleted and
 * marked signed in the same way; a repository says how its row reads (`toAccount`) and adds the
 * writes that are its own.
 */
export abstract class AccountRows<Account, Row extends AccountRow> {
  protected constructor(private readonly accounts: AccountTable) {}

  protected abstract toAccount(row: Row): Account;

  async find(manager: EntityManager, scope: string, id: string): Promise<Account | null> {
    const row = await this.inScope(manager, scope).where('id', '=', id).selectAll().executeTakeFirst();
    // The table is the one of `Row` (the constructor's argument names it).
    return row ? this.toAccount(row as Row) : null;
  }

  async list(manager: EntityManager, scope: string): Promise<Account[]> {
    const rows = await this.inScope(manager, scope).selectAll().orderBy('name').orderBy('email').execute();
    return rows.map((row) => this.toAccount(row as Row));
  }

  /** True if there was such an account; its links and sessions go with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, scope: string, id: string): Promise<boolean> {
    const query = db(manager);
    const { numDeletedRows } = await query
      .deleteFrom(this.accounts.table)
      .where(query.dynamic.ref(this.accounts.scope), '=', scope)
      .where('id', '=', id)
      .executeTakeFirst();
    return numDeletedRows === 1n;
  }

  async markSignedIn(manager: EntityManager, scope: string, id: string, at: Date): Promise<void> {
    const query = db(manager);
    await query
      .updateTable(this.accounts.table)
      .set({ last_sign_in_at: at })
      .where(query.dynamic.ref(this.accounts.scope), '=', scope)
      .where('id', '=', id)
      .execute();
  }

  /** Every account of one address, across scopes (owner function: the scope is not known yet). */
  async accountsByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ scope: string; accountId: string }[]> {
    const { rows } = await sql<{ scope: string; account_id: string }>`
      SELECT * FROM ${sql.id(this.accounts.byEmail)}(${email}) AS accounts(scope, account_id)`.execute(
      db(manager),
    );
    return rows.map((row) => ({ scope: row.scope, accountId: row.account_id }));
  }

  /** A SELECT of the scope's accounts, to narrow and pick from. */
  protected inScope(manager: EntityManager, scope: string) {
    const query = db(manager);
    return query.selectFrom(this.accounts.table).where(query.dynamic.ref(this.accounts.scope), '=', scope);
  }
}
