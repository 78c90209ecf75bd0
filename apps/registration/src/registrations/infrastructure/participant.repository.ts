import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PracticeMode, Profession } from '@respire/contracts';

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

interface ParticipantRow {
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

const COLUMNS = 'id, email, first_name, last_name, profession, practice_mode, postcode, department, rpps, consents';

function toStored(row: ParticipantRow): StoredParticipant {
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

/** Participants per tenant, keyed by their normalised email. */
@Injectable()
export class ParticipantRepository {
  /**
   * The participant behind `details.email`: created with these details if the address is new,
   * else as stored — a form can be filled in with anyone's address, so it never changes the
   * details of someone who has not proved they own it.
   */
  async ensure(manager: EntityManager, tenantId: string, details: ParticipantDetails, now: Date): Promise<StoredParticipant> {
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
    if (inserted[0]) return toStored(inserted[0]);
    // The address is known (a concurrent insert has committed by now: the conflict waited for it).
    const existing: ParticipantRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM participant WHERE tenant_id = $1 AND email = $2`,
      [tenantId, details.email],
    );
    return toStored(existing[0]);
  }
}
