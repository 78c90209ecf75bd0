import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { Staff } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { StaffMember } from '../domain/staff-member';

type StaffRow = Selectable<Staff>;

const toMember = (row: StaffRow): StaffMember => ({
  tenantId: row.tenant_id,
  id: row.id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  facilitatorId: row.facilitator_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastSignInAt: row.last_sign_in_at,
});

/** Staff accounts of the transaction's tenant (row-level security narrows every query). */
@Injectable()
export class StaffRepository {
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

  async delete(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await db(manager).deleteFrom('staff').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }

  async find(manager: EntityManager, tenantId: string, id: string): Promise<StaffMember | null> {
    const row = await db(manager)
      .selectFrom('staff')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async list(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows = await db(manager)
      .selectFrom('staff')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('name')
      .orderBy('email')
      .execute();
    return rows.map(toMember);
  }

  /** The whole team, locked: the "keep a coordinator" rule reads it before a change. */
  async lockTeam(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows = await db(manager)
      .selectFrom('staff')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .forUpdate()
      .execute();
    return rows.map(toMember);
  }

  async markSignedIn(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await db(manager)
      .updateTable('staff')
      .set({ last_sign_in_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** Every account of one address, across tenants (owner function: the tenant is not known yet). */
  async accountsByEmail(
    manager: EntityManager,
    email: string,
  ): Promise<{ tenantId: string; staffId: string }[]> {
    const { rows } = await sql<{ tenant_id: string; staff_id: string }>`
      SELECT tenant_id, staff_id FROM staff_accounts_by_email(${email})`.execute(db(manager));
    return rows.map((row) => ({ tenantId: row.tenant_id, staffId: row.staff_id }));
  }
}
