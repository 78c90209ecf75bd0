import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findRow, updateRow } from '../../common/sql';

export interface VenueRow {
  tenant_id: string;
  id: string;
  name: string;
  address: string | null;
  notes: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VenueFields {
  name?: string;
  address?: string | null;
  notes?: string | null;
}

@Injectable()
export class VenueRepository {
  async insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Required<VenueFields>,
    now: Date,
  ): Promise<VenueRow> {
    const [row] = await manager.query(
      `INSERT INTO venues (tenant_id, id, name, address, notes, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
      [tenantId, id, fields.name, fields.address, fields.notes, now],
    );
    return row;
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<VenueRow | null> {
    return findRow<VenueRow>(manager, 'venues', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: VenueFields,
    now: Date,
  ): Promise<VenueRow | null> {
    return updateRow<VenueRow>(manager, 'venues', { tenantId, id }, { ...fields }, now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<VenueRow[]> {
    return manager.query(
      `SELECT * FROM venues WHERE tenant_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY lower(name), id`,
      [tenantId, includeArchived],
    );
  }
}
