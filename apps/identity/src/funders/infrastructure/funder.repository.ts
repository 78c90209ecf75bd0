import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { Region } from '@respire/contracts';
import { camelRow, snakeRow } from '@respire/tenancy';
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

  protected toAccount({ region, ...row }: Selectable<Funders>): Funder {
    const account: Omit<Funder, 'region'> = camelRow(row);
    // The table's CHECK admits only the regions of REGION_CODES.
    return { region: region as Region, ...account };
  }

  async insert(manager: EntityManager, funder: Funder): Promise<void> {
    await db(manager).insertInto('funders').values(snakeRow(funder)).execute();
  }
}
