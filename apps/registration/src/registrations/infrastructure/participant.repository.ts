import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PracticeMode, Profession } from '@respire/contracts';
import { AccessLinkWindow } from '../domain/access-link-throttle';

export interface ParticipantDetails {
  email: string;
  firstName: string;
  lastName: string;
  profession: Profession;
  practiceMode: PracticeMode;
  postcode: string;
  department: string;
  rpps: string | null;
  consents: Record<string, unknown>;
}

/** A participant as stored: the details given when the address first registered. */
export interface StoredParticipant extends ParticipantDetails {
  id: string;
}

/** A participant's row as stored (register_newcomer compares and answers it as JSON of this shape). */
export interface ParticipantRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  profession: Profession;
  practice_mode: PracticeMode;
  postcode: string;
  department: string;
  rpps: string | null;
  consents: Record<string, unknown>;
}

const COLUMNS =
  'id, email, first_name, last_name, profession, practice_mode, postcode, department, rpps, consents';

export function toStoredParticipant(row: ParticipantRow): StoredParticipant {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    profession: row.profession,
    practiceMode: row.practice_mode,
    postcode: row.postcode,
    department: row.department,
    rpps: row.rpps,
    consents: row.consents,
  };
}

export function participantRow(p: StoredParticipant): ParticipantRow {
  return {
    id: p.id,
    email: p.email,
    first_name: p.firstName,
    last_name: p.lastName,
    profession: p.profession,
    practice_mode: p.practiceMode,
    postcode: p.postcode,
    department: p.department,
    rpps: p.rpps,
    consents: p.consents,
  };
}

/** The details a participant may change themselves, from their "my registrations" page. */
export type OwnDetails = Pick<
  ParticipantDetails,
  'firstName' | 'lastName' | 'profession' | 'practiceMode' | 'postcode' | 'department'
>;

/** Participants per tenant, keyed by their normalised email. */
@Injectable()
export class ParticipantRepository {
  async find(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
  ): Promise<StoredParticipant | null> {
    const rows: ParticipantRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM participant WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL`,
      [tenantId, participantId],
    );
    return rows[0] ? toStoredParticipant(rows[0]) : null;
  }

  /** The participant behind an address, locked with the access-link window it is in; null when unknown. */
  async lockByEmail(
    manager: EntityManager,
    tenantId: string,
    email: string,
  ): Promise<(StoredParticipant & { accessWindow: AccessLinkWindow }) | null> {
    const rows: (ParticipantRow & { access_window_started_at: Date | null; access_links_sent: number })[] =
      await manager.query(
        `SELECT ${COLUMNS}, access_window_started_at, access_links_sent FROM participant
        WHERE tenant_id = $1 AND email = $2 FOR UPDATE`,
        [tenantId, email],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      ...toStoredParticipant(row),
      accessWindow: { startedAt: row.access_window_started_at, sent: row.access_links_sent },
    };
  }

  async saveAccessWindow(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    window: AccessLinkWindow,
  ): Promise<void> {
    await manager.query(
      `UPDATE participant SET access_window_started_at = $3, access_links_sent = $4 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, participantId, window.startedAt, window.sent],
    );
  }

  /** What the participant changed themselves (they proved they own the address: the mailed link). */
  async updateOwnDetails(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    details: OwnDetails,
    now: Date,
  ): Promise<StoredParticipant | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [ParticipantRow[], number] = await manager.query(
      `UPDATE participant
          SET first_name = $3, last_name = $4, profession = $5, practice_mode = $6, postcode = $7, department = $8, updated_at = $9
        WHERE tenant_id = $1 AND id = $2
        RETURNING ${COLUMNS}`,
      [
        tenantId,
        participantId,
        details.firstName,
        details.lastName,
        details.profession,
        details.practiceMode,
        details.postcode,
        details.department,
        now,
      ],
    );
    return rows[0] ? toStoredParticipant(rows[0]) : null;
  }

  /**
   * The participant behind `details.email`: created with these details if the address is new,
   * else as stored — a form can be filled in with anyone's address, so it never changes the
   * details of someone who has not proved they own it.
   */
  async ensure(
    manager: EntityManager,
    tenantId: string,
    details: ParticipantDetails,
    now: Date,
  ): Promise<StoredParticipant> {
    const inserted: ParticipantRow[] = await manager.query(
      `INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode,
         department, rpps, consents, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $12)
       ON CONFLICT (tenant_id, email) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        tenantId,
        uuidv7(),
        details.email,
        details.firstName,
        details.lastName,
        details.profession,
        details.practiceMode,
        details.postcode,
        details.department,
        details.rpps,
        JSON.stringify(details.consents),
        now,
      ],
    );
    if (inserted[0]) return toStoredParticipant(inserted[0]);
    // The address is known (a concurrent insert has committed by now: the conflict waited for it).
    const existing: ParticipantRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM participant WHERE tenant_id = $1 AND email = $2`,
      [tenantId, details.email],
    );
    return toStoredParticipant(existing[0]);
  }
}
