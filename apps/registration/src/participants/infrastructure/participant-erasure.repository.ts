import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { jsonb } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

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
    const row = await db(manager)
      .selectFrom('participant')
      .select(['id', 'erased_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return null;
    const { n } = await db(manager)
      .selectFrom('registration as r')
      .innerJoin('session as s', (join) =>
        join.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.session_id'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('r.tenant_id', '=', tenantId)
      .where('r.participant_id', '=', participantId)
      .where('r.status', 'in', ['confirmed', 'waitlisted', 'offered'])
      .where('s.status', '=', 'published')
      .where('s.starts_at', '>', now)
      .executeTakeFirstOrThrow();
    return { id: row.id, erasedAt: row.erased_at, upcoming: Number(n) };
  }

  async erase(manager: EntityManager, tenantId: string, participantId: string, now: Date): Promise<void> {
    await db(manager)
      .updateTable('participant')
      .set({
        email: sql<string>`'erased:' || id::text`,
        first_name: '',
        last_name: '',
        postcode: '',
        rpps: null,
        consents: jsonb({}),
        access_window_started_at: null,
        access_links_sent: 0,
        erased_at: now,
        updated_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', participantId)
      .execute();
    // A coordinator's free-text reason may name the person.
    await db(manager)
      .updateTable('registration')
      .set({ cancellation_reason: null })
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .execute();
    // Published events about them (their address, their links) wait in the outbox for its 24 h purge: not theirs.
    await db(manager)
      .deleteFrom('outbox')
      .where('tenant_id', '=', tenantId)
      .where('published_at', 'is not', null)
      .where(sql<string>`payload->'data'->>'participantId'`, '=', participantId)
      .execute();
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
    const since = sql<Date>`${now}::timestamptz - make_interval(months => ${months})`;
    const rows = await db(manager)
      .selectFrom('participant as p')
      .select('p.id')
      .where('p.tenant_id', '=', tenantId)
      .where('p.erased_at', 'is', null)
      .where('p.created_at', '<', since)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('registration as r')
              .innerJoin('session as s', (join) =>
                join.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.session_id'),
              )
              .select(sql<number>`1`.as('one'))
              .whereRef('r.tenant_id', '=', 'p.tenant_id')
              .whereRef('r.participant_id', '=', 'p.id')
              .where((eb) => eb.or([eb('r.created_at', '>=', since), eb('s.ends_at', '>=', since)])),
          ),
        ),
      )
      .orderBy('p.created_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /** The tenant's retention period for participants; null: the default. */
  async retentionMonths(manager: EntityManager, tenantId: string): Promise<number | null> {
    const row = await db(manager)
      .selectFrom('tenant_directory')
      .select('participant_retention_months')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row?.participant_retention_months ?? null;
  }

  async saveRetention(manager: EntityManager, tenantId: string, months: number | null): Promise<void> {
    await db(manager)
      .updateTable('tenant_directory')
      .set({ participant_retention_months: months })
      .where('tenant_id', '=', tenantId)
      .execute();
  }
}
