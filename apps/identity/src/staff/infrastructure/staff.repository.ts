import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { AccountRows, STAFF_ACCOUNTS } from '../../common/account-rows';
import { Staff } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { StaffMember } from '../domain/staff-member';

type StaffRow = Selectable<Staff>;

/** Staff accounts of the transaction's tenant (row-level security narrows every query). */
@Injectable()
export class StaffRepository extends AccountRows<StaffMember, StaffRow> {
  constructor() {
    super(STAFF_ACCOUNTS);
  }

  protected toAccount(row: StaffRow): StaffMember {
    return camelRow(row);
  }

  async insert(manager: EntityManager, member: StaffMember): Promise<void> {
    await db(manager).insertInto('staff').values(snakeRow(member)).execute();
  }

  /** Writes what a change of the account can change (signing in is markSignedIn). */
  async update(manager: EntityManager, member: StaffMember): Promise<void> {
    const { tenantId, id, createdAt: _created, lastSignInAt: _signedIn, ...changed } = member;
    await db(manager)
      .updateTable('staff')
      .set(snakeRow(changed))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** The whole team, locked: the "keep a coordinator" rule reads it before a change. */
  async lockTeam(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows = await this.inScope(manager, tenantId).selectAll().orderBy('id').forUpdate().execute();
    return rows.map((row) => this.toAccount(row as StaffRow));
  }
}
