import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
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
    return {
      tenantId: row.tenant_id,
      id: row.id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      facilitatorId: row.facilitator_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastSignInAt: row.last_sign_in_at,
    };
  }

  async insert(manager: EntityManager, member: StaffMember): Promise<void> {
    await db(manager)
      .insertInto('staff')
      .values({
        tenant_id: member.tenantId,
        id: member.id,
        email: member.email,
        name: member.name,
        roles: member.roles,
        facilitator_id: member.facilitatorId,
        created_at: member.createdAt,
        updated_at: member.createdAt,
      })
      .execute();
  }

  async update(manager: EntityManager, member: StaffMember): Promise<void> {
    await db(manager)
      .updateTable('staff')
      .set({
        email: member.email,
        name: member.name,
        roles: member.roles,
        facilitator_id: member.facilitatorId,
        updated_at: member.updatedAt,
      })
      .where('tenant_id', '=', member.tenantId)
      .where('id', '=', member.id)
      .execute();
  }

  /** The whole team, locked: the "keep a coordinator" rule reads it before a change. */
  async lockTeam(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows = await this.inScope(manager, tenantId).selectAll().orderBy('id').forUpdate().execute();
    return rows.map((row) => this.toAccount(row as StaffRow));
  }
}
