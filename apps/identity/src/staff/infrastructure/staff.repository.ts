import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StaffMember, StaffRole } from '../domain/staff-member';

interface StaffRow {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  facilitator_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
}

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
    await manager.query(
      `INSERT INTO staff (tenant_id, id, email, name, roles, facilitator_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [member.tenantId, member.id, member.email, member.name, member.roles, member.facilitatorId, member.createdAt],
    );
  }

  async update(manager: EntityManager, member: StaffMember): Promise<void> {
    await manager.query(
      `UPDATE staff SET email = $3, name = $4, roles = $5, facilitator_id = $6, updated_at = $7
       WHERE tenant_id = $1 AND id = $2`,
      [member.tenantId, member.id, member.email, member.name, member.roles, member.facilitatorId, member.updatedAt],
    );
  }

  async delete(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM staff WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async find(manager: EntityManager, tenantId: string, id: string): Promise<StaffMember | null> {
    const rows: StaffRow[] = await manager.query(`SELECT * FROM staff WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows[0] ? toMember(rows[0]) : null;
  }

  async list(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows: StaffRow[] = await manager.query(`SELECT * FROM staff WHERE tenant_id = $1 ORDER BY name, email`, [tenantId]);
    return rows.map(toMember);
  }

  /** The whole team, locked: the "keep a coordinator" rule reads it before a change. */
  async lockTeam(manager: EntityManager, tenantId: string): Promise<StaffMember[]> {
    const rows: StaffRow[] = await manager.query(
      `SELECT * FROM staff WHERE tenant_id = $1 ORDER BY id FOR UPDATE`,
      [tenantId],
    );
    return rows.map(toMember);
  }

  async markSignedIn(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE staff SET last_sign_in_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, at]);
  }

  /** Every account of one address, across tenants (owner function: the tenant is not known yet). */
  async accountsByEmail(manager: EntityManager, email: string): Promise<{ tenantId: string; staffId: string }[]> {
    const rows: { tenant_id: string; staff_id: string }[] = await manager.query(
      `SELECT tenant_id, staff_id FROM staff_accounts_by_email($1)`,
      [email],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, staffId: row.staff_id }));
  }
}
