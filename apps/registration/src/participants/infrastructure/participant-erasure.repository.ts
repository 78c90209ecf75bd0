import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What an erasure needs to know of the participant, their row locked. */
export interface ErasureSubject {
  id: string;
  erasedAt: Date | null;
  /** Confirmed, waitlisted or offered registrations in sessions that have not started. */
  upcoming: number;
}

/**
 * The participant's personal data, emptied in place (GDPR art. 17). The row stays, with what
 * counts need and names nobody (profession, practice mode, département), so their registrations
 * keep being counted; the address becomes `erased:<id>`, free to register again as someone new.
 */
@Injectable()
export class ParticipantErasureRepository {
  async lock(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    now: Date,
  ): Promise<ErasureSubject | null> {
    const rows: { id: string; erased_at: Date | null }[] = await manager.query(
      `SELECT id, erased_at FROM participant WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, participantId],
    );
    if (!rows[0]) return null;
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM registration r
         JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.participant_id = $2
          AND r.status IN ('confirmed', 'waitlisted', 'offered') AND s.status = 'published' AND s.starts_at > $3`,
      [tenantId, participantId, now],
    );
    return { id: rows[0].id, erasedAt: rows[0].erased_at, upcoming: n };
  }

  async erase(manager: EntityManager, tenantId: string, participantId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE participant
          SET email = 'erased:' || id::text, first_name = '', last_name = '', postcode = '', rpps = NULL,
              consents = '{}'::jsonb, access_window_started_at = NULL, access_links_sent = 0,
              erased_at = $3, updated_at = $3
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, participantId, now],
    );
    // A coordinator's free-text reason may name the person.
    await manager.query(
      `UPDATE registration SET cancellation_reason = NULL WHERE tenant_id = $1 AND participant_id = $2`,
      [tenantId, participantId],
    );
    // Published events about them (their address, their links) wait in the outbox for its 24 h purge: not theirs.
    await manager.query(
      `DELETE FROM outbox WHERE tenant_id = $1 AND published_at IS NOT NULL AND payload->'data'->>'participantId' = $2`,
      [tenantId, participantId],
    );
  }

  /**
   * Participants of the tenant with no registration (nor account of them) for `months`: neither
   * registered nor had a session since. Oldest first, at most `limit`.
   */
  async dormant(
    manager: EntityManager,
    tenantId: string,
    months: number,
    now: Date,
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM participant p
        WHERE p.tenant_id = $1 AND p.erased_at IS NULL
          AND p.created_at < $2::timestamptz - make_interval(months => $3)
          AND NOT EXISTS (
            SELECT 1 FROM registration r JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
             WHERE r.tenant_id = p.tenant_id AND r.participant_id = p.id
               AND (r.created_at >= $2::timestamptz - make_interval(months => $3)
                    OR s.ends_at >= $2::timestamptz - make_interval(months => $3)))
        ORDER BY p.created_at LIMIT $4`,
      [tenantId, now, months, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The tenant's retention period for participants; null: the default. */
  async retentionMonths(manager: EntityManager, tenantId: string): Promise<number | null> {
    const rows: { months: number | null }[] = await manager.query(
      `SELECT participant_retention_months AS months FROM tenant_directory WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.months ?? null;
  }

  async saveRetention(manager: EntityManager, tenantId: string, months: number | null): Promise<void> {
    await manager.query(
      `UPDATE tenant_directory SET participant_retention_months = $2 WHERE tenant_id = $1`,
      [tenantId, months],
    );
  }
}
