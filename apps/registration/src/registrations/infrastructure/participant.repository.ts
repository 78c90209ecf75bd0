import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PracticeMode, Profession } from '@respire/contracts';
import { camelRow, jsonb, snakeRow } from '@respire/tenancy';
import { Participant } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
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

const COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'profession',
  'practice_mode',
  'postcode',
  'department',
  'rpps',
  'consents',
] as const;

/** A participant's row as stored (register_newcomer compares and answers it as JSON of this shape). */
export type ParticipantRow = Pick<Selectable<Participant>, (typeof COLUMNS)[number]>;

export function toStoredParticipant(row: ParticipantRow): StoredParticipant {
  return camelRow(row);
}

export function participantRow(p: StoredParticipant): ParticipantRow {
  return snakeRow(p);
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
    const row = await db(manager)
      .selectFrom('participant')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return row ? toStoredParticipant(row) : null;
  }

  /** The participant behind an address, locked with the access-link window it is in; null when unknown. */
  async lockByEmail(
    manager: EntityManager,
    tenantId: string,
    email: string,
  ): Promise<(StoredParticipant & { accessWindow: AccessLinkWindow }) | null> {
    const row = await db(manager)
      .selectFrom('participant')
      .select([...COLUMNS, 'access_window_started_at', 'access_links_sent'])
      .where('tenant_id', '=', tenantId)
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
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
    await db(manager)
      .updateTable('participant')
      .set({ access_window_started_at: window.startedAt, access_links_sent: window.sent })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .execute();
  }

  /** What the participant changed themselves (they proved they own the address: the mailed link). */
  async updateOwnDetails(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    details: OwnDetails,
    now: Date,
  ): Promise<StoredParticipant | null> {
    const row = await db(manager)
      .updateTable('participant')
      .set({ ...ownDetailColumns(details), updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row ? toStoredParticipant(row) : null;
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
    const inserted = await db(manager)
      .insertInto('participant')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        email: details.email,
        ...ownDetailColumns(details),
        rpps: details.rpps,
        consents: jsonb(details.consents),
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'email']).doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    if (inserted) return toStoredParticipant(inserted);
    // The address is known (a concurrent insert has committed by now: the conflict waited for it).
    const existing = await db(manager)
      .selectFrom('participant')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('email', '=', details.email)
      .executeTakeFirstOrThrow();
    return toStoredParticipant(existing);
  }
}

/** The columns a participant may correct themselves, as a registration first stores them. */
function ownDetailColumns(details: OwnDetails) {
  return {
    first_name: details.firstName,
    last_name: details.lastName,
    profession: details.profession,
    practice_mode: details.practiceMode,
    postcode: details.postcode,
    department: details.department,
  };
}
