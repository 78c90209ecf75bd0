import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
    await manager.query(
      `INSERT INTO staff_sessions (tenant_id, id, staff_id, token_hash, csrf_hash, user_agent, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        session.tenantId,
        session.id,
        session.staffId,
        session.tokenHash,
        session.csrfHash,
        session.userAgent,
        session.createdAt,
        session.expiresAt,
      ],
    );
  }

  /** The tenant a session cookie belongs to (owner function), before its tenant scope opens. */
  async tenantOf(manager: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const rows: { tenant_id: string | null }[] = await manager.query(`SELECT staff_session_tenant($1) AS tenant_id`, [tokenHash]);
    return rows[0]?.tenant_id ?? null;
  }

  async findByHash(manager: EntityManager, tenantId: string, tokenHash: Buffer): Promise<StaffSession | null> {
    const rows: { tenant_id: string; id: string; staff_id: string; csrf_hash: Buffer; expires_at: Date; ended_at: Date | null }[] =
      await manager.query(
        `SELECT tenant_id, id, staff_id, csrf_hash, expires_at, ended_at FROM staff_sessions WHERE tenant_id = $1 AND token_hash = $2`,
        [tenantId, tokenHash],
      );
    const row = rows[0];
    return row
      ? { tenantId: row.tenant_id, id: row.id, staffId: row.staff_id, csrfHash: row.csrf_hash, expiresAt: row.expires_at, endedAt: row.ended_at }
      : null;
  }

  async touch(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE staff_sessions SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, at]);
  }

  async end(manager: EntityManager, tenantId: string, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE staff_sessions SET ended_at = $3 WHERE tenant_id = $1 AND id = $2 AND ended_at IS NULL`,
      [tenantId, id, at],
    );
  }

  /** Ends every open session of one person; returns how many. */
  async endAllOf(manager: EntityManager, tenantId: string, staffId: string, at: Date): Promise<number> {
    const rows: unknown[] = await manager.query(
      `UPDATE staff_sessions SET ended_at = $3
       WHERE tenant_id = $1 AND staff_id = $2 AND ended_at IS NULL AND expires_at > $3 RETURNING id`,
      [tenantId, staffId, at],
    );
    return (rows[0] as unknown[] | undefined)?.length ?? 0;
  }

  async countOpen(manager: EntityManager, tenantId: string, staffId: string, at: Date): Promise<number> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) AS count FROM staff_sessions WHERE tenant_id = $1 AND staff_id = $2 AND ended_at IS NULL AND expires_at > $3`,
      [tenantId, staffId, at],
    );
    return Number(rows[0].count);
  }
}
