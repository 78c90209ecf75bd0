import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { Region } from '@respire/contracts';
import { AccountRows, FUNDER_ACCOUNTS } from '../../common/account-rows';
import { Funders } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { Funder } from '../domain/funder';

/** Funder accounts of the transaction's region (row-level security narrows every query). */
@Injectable()
export class FunderRepository extends AccountRows<Funder, Selectable<Funders>> {
  constructor() {
    super(FUNDER_ACCOUNTS);
  }

  protected toAccount(row: Selectable<Funders>): Funder {
    return {
      // The table's CHECK admits only the regions of REGION_CODES.
      region: row.region as Region,
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastSignInAt: row.last_sign_in_at,
    };
  }

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
}
