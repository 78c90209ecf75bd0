import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { returnedRows } from '../../infrastructure/sql';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { toSessionCopy } from '../../sessions/infrastructure/session.repository';
import { ParticipantLinks, RegistrationCopy, RegistrationStatus } from '../domain/registration-copy';

interface RegistrationRow {
  tenant_id: string;
  id: string;
  session_id: string;
  participant_id: string;
  email: string | null;
  first_name: string | null;
  status: RegistrationStatus;
  links: ParticipantLinks;
  notified_sequence: number | null;
  reminders_from: Date | null;
}

function toCopy(row: RegistrationRow): RegistrationCopy {
  return {
    tenantId: row.tenant_id,
    registrationId: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    email: row.email,
    firstName: row.first_name,
    status: row.status,
    links: row.links ?? {},
    notifiedSequence: row.notified_sequence,
    remindersFrom: row.reminders_from ? new Date(row.reminders_from) : null,
  };
}

export interface ScheduledRegistration {
  registration: RegistrationCopy;
  session: SessionCopy;
}

/** A registration with its session and whether the participant said anything about reminders. */
export interface RemindableRegistration extends ScheduledRegistration {
  /** The participant's choice, null when they never made one. */
  wantsReminders: boolean | null;
}

@Injectable()
export class RegistrationRepository {
  async find(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
  ): Promise<RegistrationCopy | null> {
    const rows: RegistrationRow[] = await manager.query(
      `SELECT * FROM registration WHERE tenant_id = $1 AND id = $2`,
      [tenantId, registrationId],
    );
    return rows[0] ? toCopy(rows[0]) : null;
  }

  /**
   * Records the registration as the latest event describes it. Links accumulate (an offer's
   * accept link, then the confirmation's cancel link); contact details are kept when an event
   * carries none.
   */
  async save(manager: EntityManager, registration: RegistrationCopy): Promise<void> {
    await manager.query(
      `INSERT INTO registration AS r (tenant_id, id, session_id, participant_id, email, first_name, status, links,
                                      notified_sequence, reminders_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
       ON CONFLICT (tenant_id, id) DO UPDATE SET
         session_id = EXCLUDED.session_id, email = coalesce(EXCLUDED.email, r.email),
         first_name = coalesce(EXCLUDED.first_name, r.first_name), status = EXCLUDED.status,
         links = r.links || EXCLUDED.links, notified_sequence = coalesce(EXCLUDED.notified_sequence, r.notified_sequence),
         reminders_from = coalesce(EXCLUDED.reminders_from, r.reminders_from), updated_at = now()`,
      [
        registration.tenantId,
        registration.registrationId,
        registration.sessionId,
        registration.participantId,
        registration.email,
        registration.firstName,
        registration.status,
        JSON.stringify(registration.links),
        registration.notifiedSequence,
        registration.remindersFrom,
      ],
    );
  }

  async setStatus(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
    status: RegistrationStatus,
  ): Promise<void> {
    await manager.query(
      `UPDATE registration SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, registrationId, status],
    );
  }

  async bySession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    statuses: readonly RegistrationStatus[],
  ): Promise<RegistrationCopy[]> {
    const rows: RegistrationRow[] = await manager.query(
      `SELECT * FROM registration WHERE tenant_id = $1 AND session_id = $2 AND status = ANY($3::text[]) ORDER BY id`,
      [tenantId, sessionId, statuses],
    );
    return rows.map(toCopy);
  }

  async markNotified(
    manager: EntityManager,
    tenantId: string,
    registrationIds: string[],
    sequence: number,
    remindersFrom: Date | null,
  ): Promise<void> {
    if (registrationIds.length === 0) return;
    await manager.query(
      `UPDATE registration SET notified_sequence = greatest(coalesce(notified_sequence, $3), $3),
              reminders_from = coalesce($4, reminders_from), updated_at = now()
        WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, registrationIds, sequence, remindersFrom],
    );
  }

  /** Forgets a participant's contact details and links (their registrations' statuses stay, anonymous). */
  async erase(manager: EntityManager, tenantId: string, participantId: string): Promise<RegistrationCopy[]> {
    const result: unknown = await manager.query(
      `UPDATE registration SET email = NULL, first_name = NULL, links = '{}'::jsonb, updated_at = now()
        WHERE tenant_id = $1 AND participant_id = $2 RETURNING *`,
      [tenantId, participantId],
    );
    return returnedRows<RegistrationRow>(result).map(toCopy);
  }

  /**
   * Confirmed registrations of published sessions starting after `from`, with their session:
   * what the reminder reconciler rebuilds jobs from. Keyset-paginated by registration id.
   */
  async confirmedUpcoming(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    after: string | null,
    limit: number,
  ): Promise<ScheduledRegistration[]> {
    const rows: (RegistrationRow & { s: Record<string, unknown> })[] = await manager.query(
      `SELECT r.*, to_jsonb(s) AS s
         FROM registration r
         JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.status = 'confirmed' AND r.email IS NOT NULL
          AND s.status = 'published' AND s.starts_at > $2 AND ($3::uuid IS NULL OR r.id > $3::uuid)
        ORDER BY r.id
        LIMIT $4`,
      [tenantId, from, after, limit],
    );
    return rows.map((row) => ({ registration: toCopy(row), session: toSessionCopy(row.s as never) }));
  }

  /** These registrations with their sessions and reminder preference, in one query (due reminders, batched). */
  async remindable(
    manager: EntityManager,
    tenantId: string,
    registrationIds: readonly string[],
  ): Promise<RemindableRegistration[]> {
    const rows: (RegistrationRow & { s: Record<string, unknown>; wants_reminders: boolean | null })[] =
      await manager.query(
        `SELECT r.*, to_jsonb(s) AS s, p.reminders AS wants_reminders
           FROM registration r
           JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
           LEFT JOIN participant_preference p ON p.tenant_id = r.tenant_id AND p.participant_id = r.participant_id
          WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])`,
        [tenantId, registrationIds],
      );
    return rows.map((row) => ({
      registration: toCopy(row),
      session: toSessionCopy(row.s as never),
      wantsReminders: row.wants_reminders,
    }));
  }

  /** Attended registrations of sessions that ended in [from, to): feedback requests to make sure of. */
  async attendedEndedBetween(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    to: Date,
  ): Promise<ScheduledRegistration[]> {
    const rows: (RegistrationRow & { s: Record<string, unknown> })[] = await manager.query(
      `SELECT r.*, to_jsonb(s) AS s
         FROM registration r
         JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.status = 'attended' AND r.email IS NOT NULL
          AND s.ends_at >= $2 AND s.ends_at < $3`,
      [tenantId, from, to],
    );
    return rows.map((row) => ({ registration: toCopy(row), session: toSessionCopy(row.s as never) }));
  }
}
