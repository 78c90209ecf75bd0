import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Region } from '@respire/contracts';
import { Funder } from '../domain/funder';

interface FunderRow {
  region: Region;
  id: string;
  email: string;
  name: string;
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
}

const toFunder = (row: FunderRow): Funder => ({
  region: row.region,
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
    await manager.query(
      `INSERT INTO funders (region, id, email, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
      [funder.region, funder.id, funder.email, funder.name, funder.createdAt],
    );
  }

  async find(manager: EntityManager, region: string, id: string): Promise<Funder | null> {
    const rows: FunderRow[] = await manager.query(`SELECT * FROM funders WHERE region = $1 AND id = $2`, [
      region,
      id,
    ]);
    return rows[0] ? toFunder(rows[0]) : null;
  }

  async list(manager: EntityManager, region: string): Promise<Funder[]> {
    const rows: FunderRow[] = await manager.query(
      `SELECT * FROM funders WHERE region = $1 ORDER BY name, email`,
      [region],
    );
    return rows.map(toFunder);
  }

  /** True if there was such an account; its links and sessions go with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, region: string, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `DELETE FROM funders WHERE region = $1 AND id = $2 RETURNING id`,
      [region, id],
    );
    return (rows[0] as unknown[] | undefined)?.length === 1;
  }

  async markSignedIn(manager: EntityManager, region: string, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE funders SET last_sign_in_at = $3 WHERE region = $1 AND id = $2`, [
      region,
      id,
      at,
    ]);
  }

  /** Every funder account of one address, across regions (owner function: the region is not known yet). */
  async accountsByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ scope: string; accountId: string }[]> {
    const rows: { region: string; funder_id: string }[] = await manager.query(
      `SELECT region, funder_id FROM funder_accounts_by_email($1)`,
      [email],
    );
    return rows.map((row) => ({ scope: row.region, accountId: row.funder_id }));
  }
}
