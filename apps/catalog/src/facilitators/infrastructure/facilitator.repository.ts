import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findRow, updateRow } from '../../common/sql';

export interface FacilitatorRow {
  tenant_id: string;
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  bio: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface FacilitatorFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  bio?: string | null;
}

@Injectable()
export class FacilitatorRepository {
  async insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Required<FacilitatorFields>,
    now: Date,
  ): Promise<FacilitatorRow> {
    const [row] = await manager.query(
      `INSERT INTO facilitators (tenant_id, id, name, email, phone, bio, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
      [tenantId, id, fields.name, fields.email, fields.phone, fields.bio, now],
    );
    return row;
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<FacilitatorRow | null> {
    return findRow<FacilitatorRow>(manager, 'facilitators', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: FacilitatorFields,
    now: Date,
  ): Promise<FacilitatorRow | null> {
    return updateRow<FacilitatorRow>(manager, 'facilitators', { tenantId, id }, { ...fields }, now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<FacilitatorRow[]> {
    return manager.query(
      `SELECT * FROM facilitators WHERE tenant_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY lower(name), id`,
      [tenantId, includeArchived],
    );
  }
}
