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

/** Participants per tenant, keyed by their normalised email. */
@Injectable()
export class ParticipantRepository {
  /** Creates the participant or refreshes their details (the latest form wins); returns their id. */
  async save(manager: EntityManager, tenantId: string, details: ParticipantDetails, now: Date): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode,
         department, rpps, consents, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $12)
       ON CONFLICT (tenant_id, email) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         profession = EXCLUDED.profession, practice_mode = EXCLUDED.practice_mode, postcode = EXCLUDED.postcode,
         department = EXCLUDED.department, rpps = COALESCE(EXCLUDED.rpps, participant.rpps),
         consents = participant.consents || EXCLUDED.consents, updated_at = EXCLUDED.updated_at
       RETURNING id`,
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
    return rows[0].id;
  }
}
