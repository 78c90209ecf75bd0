import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { Region } from '@respire/contracts';
import { Funders } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { Funder } from '../domain/funder';

const toFunder = (row: Selectable<Funders>): Funder => ({
  // The table's CHECK admits only the regions of REGION_CODES.
  region: row.region as Region,
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastSignInAt: row.last_sign_in_at,
});

/** Funder accounts of the transaction's region (row-level security narrows every query). */
@Injectable()
export class FunderRepository {
  async insert(manager: EntityManager, funder: Funder): Promise<void> {
    await db(manager)
      .insertInto('funders')
      .values({
        region: funder.region,
        id: funder.id,
        email: funder.email,
        name: funder.name,
        created_at: funder.createdAt,
        updated_at: funder.createdAt,
      })
      .execute();
  }

  async find(manager: EntityManager, region: string, id: string): Promise<Funder | null> {
    const row = await db(manager)
      .selectFrom('funders')
      .selectAll()
      .where('region', '=', region)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toFunder(row) : null;
  }

  async list(manager: EntityManager, region: string): Promise<Funder[]> {
    const rows = await db(manager)
      .selectFrom('funders')
      .selectAll()
      .where('region', '=', region)
      .orderBy('name')
      .orderBy('email')
      .execute();
    return rows.map(toFunder);
  }

  /** True if there was such an account; its links and sessions go with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, region: string, id: string): Promise<boolean> {
    const { numDeletedRows } = await db(manager)
      .deleteFrom('funders')
      .where('region', '=', region)
      .where('id', '=', id)
      .executeTakeFirst();
    return numDeletedRows === 1n;
  }

  async markSignedIn(manager: EntityManager, region: string, id: string, at: Date): Promise<void> {
    await db(manager)
      .updateTable('funders')
      .set({ last_sign_in_at: at })
      .where('region', '=', region)
      .where('id', '=', id)
      .execute();
  }

  /** Every funder account of one address, across regions (owner function: the region is not known yet). */
  async accountsByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ scope: string; accountId: string }[]> {
    const { rows } = await sql<{ region: string; funder_id: string }>`
      SELECT region, funder_id FROM funder_accounts_by_email(${email})`.execute(db(manager));
    return rows.map((row) => ({ scope: row.region, accountId: row.funder_id }));
  }
}
