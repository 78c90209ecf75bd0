import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findRow, isoDate, updateRow } from '../../common/sql';

export interface ProgrammeRow {
  tenant_id: string;
  id: string;
  title: string;
  description: string | null;
  starts_on: Date | string | null;
  ends_on: Date | string | null;
  funder: string | null;
  partners: string[];
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProgrammeFields {
  title?: string;
  description?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  funder?: string | null;
  partners?: string[];
}

function columns(fields: ProgrammeFields): Record<string, unknown> {
  return {
    title: fields.title,
    description: fields.description,
    starts_on: fields.startsOn,
    ends_on: fields.endsOn,
    funder: fields.funder,
    partners: fields.partners,
  };
}

/** The programme as catalog.programme.* events carry it. */
export function programmeEventData(row: ProgrammeRow) {
  return {
    programmeId: row.id,
    title: row.title,
    description: row.description,
    startsOn: isoDate(row.starts_on),
    endsOn: isoDate(row.ends_on),
    funder: row.funder,
    partners: row.partners,
  };
}

@Injectable()
export class ProgrammeRepository {
  async insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ProgrammeFields & { title: string },
    now: Date,
  ): Promise<ProgrammeRow> {
    const [row] = await manager.query(
      `INSERT INTO programmes (tenant_id, id, title, description, starts_on, ends_on, funder, partners, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
      [
        tenantId,
        id,
        fields.title,
        fields.description ?? null,
        fields.startsOn ?? null,
        fields.endsOn ?? null,
        fields.funder ?? null,
        fields.partners ?? [],
        now,
      ],
    );
    return row;
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<ProgrammeRow | null> {
    return findRow<ProgrammeRow>(manager, 'programmes', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ProgrammeFields,
    now: Date,
  ): Promise<ProgrammeRow | null> {
    return updateRow<ProgrammeRow>(manager, 'programmes', { tenantId, id }, columns(fields), now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<ProgrammeRow[]> {
    return manager.query(
      `SELECT * FROM programmes WHERE tenant_id = $1 AND ($2 OR archived_at IS NULL)
        ORDER BY starts_on DESC NULLS LAST, lower(title), id`,
      [tenantId, includeArchived],
    );
  }
}
