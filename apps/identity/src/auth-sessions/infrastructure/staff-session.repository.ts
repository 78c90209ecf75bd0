import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';

export interface StaffSession {
  tenantId: string;
  id: string;
  staffId: string;
  csrfHash: Buffer;
  expiresAt: Date;
  endedAt: Date | null;
}

/** Staff sessions: the cookie's secret and the CSRF token are stored hashed. */
@Injectable()
export class StaffSessionRepository {
  async insert(
    manager: EntityManager,
    session: StaffSession & { tokenHash: Buffer; userAgent: string | null; createdAt: Date },
  ): Promise<void> {
    await db(manager)
      .insertInto('staff_sessions')
      .values({
        tenant_id: session.tenantId,
        id: session.id,
        staff_id: session.staffId,
        token_hash: session.tokenHash,
        csrf_hash: session.csrfHash,
        user_agent: session.userAgent,
        created_at: session.createdAt,
        last_used_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The tenant a session cookie belongs to (owner function), before its tenant scope opens. */
  async tenantOf(manager: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const { rows } = await sql<{ tenant_id: string | null }>`
      SELECT staff_session_tenant(${tokenHash}) AS tenant_id`.execute(db(manager));
    return rows[0]?.tenant_id ?? null;
  }

  async findByHash(
    manager: EntityManager,
    tenantId: string,
    tokenHash: Buffer,
  ): Promise<StaffSession | null> {
    const row = await db(manager)
      .selectFrom('staff_sessions')
      .select(['tenant_id', 'id', 'staff_id', 'csrf_hash', 'expires_at', 'ended_at'])
      .where('tenant_id', '=', tenantId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row
      ? {
          tenantId: row.tenant_id,
          id: row.id,
          staffId: row.staff_id,
          csrfHash: row.csrf_hash,
          expiresAt: row.expires_at,
          endedAt: row.ended_at,
        }
      : null;
  }

  async touch(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await db(manager)
      .updateTable('staff_sessions')
      .set({ last_used_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  async end(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await db(manager)
      .updateTable('staff_sessions')
      .set({ ended_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  /** Ends every open session of one person; returns how many. */
  async endAllOf(manager: EntityManager, tenantId: string, staffId: string, at: Date): Promise<number> {
    const { numUpdatedRows } = await db(manager)
      .updateTable('staff_sessions')
      .set({ ended_at: at })
      .where('tenant_id', '=', tenantId)
      .where('staff_id', '=', staffId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(numUpdatedRows);
  }

  async countOpen(manager: EntityManager, tenantId: string, staffId: string, at: Date): Promise<number> {
    const { count } = await db(manager)
      .selectFrom('staff_sessions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('staff_id', '=', staffId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirstOrThrow();
    return Number(count);
  }
}
